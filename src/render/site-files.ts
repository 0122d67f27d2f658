import type { EleventyConfig } from "@11ty/eleventy";
import type { GitHistory } from "../frame/git-history.ts";
import type { SiteRedirects } from "../model/redirects.ts";
import { absoluteUrl, jekyllUrlFor, outputPathWithin } from "../model/urls.ts";

/**
 * The files a docs site needs besides its pages, added to every build as Eleventy virtual
 * templates: a redirect page per `redirect_from` URL, `_redirects` (Netlify's format, read by
 * several static hosts), `sitemap.xml` and `robots.txt`.
 */
export interface SiteFilesOptions {
  baseurl: string;
  siteUrl: string;
  redirects: SiteRedirects;
  history: GitHistory;
}

/** What an Eleventy collection item carries that the sitemap reads. */
interface CollectionItem {
  url?: unknown;
  inputPath?: unknown;
  data?: { sitemap?: unknown };
}

export interface SitemapEntry {
  loc: string;
  /** YYYY-MM-DD of the source's last commit, or "". */
  lastmod: string;
}

/** Every published page except those that ask to stay out (`sitemap: false`), sorted by URL. */
export function sitemapEntries(items: unknown, options: Pick<SiteFilesOptions, "baseurl" | "siteUrl" | "history">): SitemapEntry[] {
  return ((Array.isArray(items) ? items : []) as CollectionItem[])
    // Pages only (`/docs/x.html`, `/docs/` for an index), not feeds or other files.
    .filter((item) => typeof item.url === "string" && /(\.html|\/)$/.test(item.url) && item.data?.sitemap !== false)
    .map((item) => {
      const lastChanged = typeof item.inputPath === "string" ? options.history.lastChanged(item.inputPath) : undefined;
      return {
        loc: absoluteUrl(jekyllUrlFor(item.url as string, options.baseurl), options.baseurl, options.siteUrl),
        lastmod: lastChanged?.slice(0, 10) ?? "",
      };
    })
    .sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
}

const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- assign sitemap-entries = collections.all | sitemap_entries %}
{%- for entry in sitemap-entries %}
<url><loc>{{ entry.loc | xml_escape }}</loc>{% if entry.lastmod != "" %}<lastmod>{{ entry.lastmod }}</lastmod>{% endif %}</url>
{%- endfor %}
</urlset>
`;

const ROBOTS = `User-agent: *
Allow: /
Sitemap: {{ '/sitemap.xml' | absolute_url }}
`;

/** Old path, new path, status; then every unknown path below the base URL gets the 404 page. */
const REDIRECTS_FILE = `{% for rule in redirect-rules %}{{ rule.from | relative_url }} {{ rule.to | relative_url }} 301
{% endfor %}{{ '/*' | relative_url }} {{ '/404.html' | relative_url }} 404
`;

/** Written at the host's root (where hosts look for them), not below the base URL. */
const atHostRoot = (file: string) => () => file;

const notAPage = { eleventyExcludeFromCollections: true, sitemap: false };

/** The Liquid filters the templates below use. */
export function siteFileFilters(options: SiteFilesOptions) {
  return { sitemap_entries: (items: unknown) => sitemapEntries(items, options) };
}

export function addSiteFiles(eleventyConfig: EleventyConfig, options: SiteFilesOptions): void {
  eleventyConfig.addTemplate("_site-files/sitemap.liquid", SITEMAP, { ...notAPage, permalink: "/sitemap.xml" });
  eleventyConfig.addTemplate("_site-files/robots.liquid", ROBOTS, { ...notAPage, eleventyComputed: { permalink: atHostRoot("/robots.txt") } });
  // Computed, not set: the checks may leave redirects out once every template is added (SiteRedirects).
  eleventyConfig.addTemplate("_site-files/redirects.liquid", REDIRECTS_FILE, {
    ...notAPage,
    eleventyComputed: { permalink: atHostRoot("/_redirects"), "redirect-rules": () => options.redirects.published() },
  });
  options.redirects.all.forEach((redirect, index) => {
    const permalink = () => (options.redirects.isPublished(redirect) ? outputPathWithin(redirect.from, options.baseurl, redirect.source) : false);
    eleventyConfig.addTemplate(`_site-files/redirect-from/${index}.liquid`, "", {
      ...notAPage,
      eleventyComputed: { permalink },
      layout: "redirect",
      title: redirect.title,
      redirect,
    });
  });
}
