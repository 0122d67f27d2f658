import type { EleventyConfig } from "@11ty/eleventy";
import type { GitHistory } from "../frame/git-history.ts";
import { llmsTxtPath, ROBOTS_TXT_PATH, sitemapPath } from "../model/machine-files.ts";
import type { Redirect } from "../model/redirects.ts";
import type { SiteSettings } from "../model/settings.ts";
import type { SourcePage } from "../model/site-model.ts";
import { absoluteUrl, jekyllUrlFor, outputPathFor, writesHtml } from "../model/urls.ts";

/**
 * The files a docs site needs besides its pages, added to every build as Eleventy virtual
 * templates: a redirect page per `redirect_from` URL, `_redirects` (Netlify's format, read by
 * several static hosts), `sitemap.xml`, `robots.txt` and `llms.txt` (src/frame/llms-txt.ts).
 */

export interface SiteFilesOptions {
  settings: SiteSettings;
  /** The pages this build writes, and the redirects. */
  pages: readonly SourcePage[];
  redirects: readonly Redirect[];
  history: GitHistory;
  /** The text of `<baseurl>/llms.txt`. */
  llmsTxt: string;
  /** The sitemap and robots.txt the site writes itself (none of the build's own then). */
  own?: { sitemap: boolean; robots: boolean };
}

export interface SitemapEntry {
  loc: string;
  /** YYYY-MM-DD of the source's last commit, or "". */
  lastmod: string;
}

/**
 * Every HTML page the build writes except those that ask to stay out (`sitemap: false`) and
 * drafts (built only with the drafts option, and then `noindex`), sorted by URL. A Jekyll site's
 * `search.json` or `style.css` is no page to list, as in jekyll-sitemap.
 */
export function sitemapEntries({ settings, pages, history }: Pick<SiteFilesOptions, "settings" | "pages" | "history">): SitemapEntry[] {
  const { baseurl, url } = settings;
  return pages
    .filter((page) => page.data?.sitemap !== false && page.published && writesHtml(page.url))
    .map((page) => ({
      // As the page is served: its output path without `.html` (`/x.html` is served at `/x`).
      loc: absoluteUrl(jekyllUrlFor(outputPathFor(page.url, baseurl), baseurl), baseurl, url),
      lastmod: history.lastChanged(page.absolutePath)?.slice(0, 10) ?? "",
    }))
    .sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
}

const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
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
const REDIRECTS_FILE = `{% for rule in redirect-rules %}{{ rule.from }} {{ rule.to }} 301
{% endfor %}{{ '/*' | relative_url }} {{ '/404.html' | relative_url }} 404
`;

const notAPage = { eleventyExcludeFromCollections: true };

/**
 * A path as a `_redirects` line holds it. In Netlify's format a `:name` segment is a placeholder
 * and `*` a splat, so a Jekyll URL that keeps them (`/people/@me:now,$5*2`) has them
 * percent-encoded here (`%3A`, `%2A`): the same URL to a host, which decodes a path before it
 * looks for the file, and nothing the rule engine reads as its own. Spaces would split the line;
 * a page's URL has them encoded already (`%20`), and an old URL holds none (url-paths.ts).
 */
export function redirectsLinePath(path: string): string {
  return path.replace(/[:*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Eleventy plugin: each file as a virtual template. */
export function siteFiles(eleventyConfig: EleventyConfig, options: SiteFilesOptions): void {
  const { baseurl } = options.settings;
  if (!options.own?.sitemap) {
    eleventyConfig.addTemplate("_site-files/sitemap.liquid", SITEMAP, {
      ...notAPage,
      permalink: sitemapPath(baseurl),
      "sitemap-entries": sitemapEntries(options),
    });
  }
  // At the host's root, where hosts look for them, not below the base URL.
  if (!options.own?.robots) eleventyConfig.addTemplate("_site-files/robots.liquid", ROBOTS, { ...notAPage, permalink: ROBOTS_TXT_PATH });
  // Written as it is (no Liquid: titles and summaries are the authors' text).
  eleventyConfig.addTemplate("_site-files/llms.html", options.llmsTxt, { ...notAPage, permalink: llmsTxtPath(baseurl), templateEngineOverride: "html" });
  eleventyConfig.addTemplate("_site-files/redirects.liquid", REDIRECTS_FILE, {
    ...notAPage,
    permalink: "/_redirects",
    "redirect-rules": redirectRules(options.redirects, baseurl),
  });
  options.redirects.forEach((redirect, index) => {
    eleventyConfig.addTemplate(`_site-files/redirect-from/${index}.liquid`, "", {
      ...notAPage,
      permalink: outputPathFor(redirect.from, baseurl),
      layout: "redirect",
      title: redirect.title,
      redirect,
    });
  });
}

/** Each redirect's two paths with the base URL, as `_redirects` lines hold them. */
function redirectRules(redirects: readonly Redirect[], baseurl: string): Array<{ from: string; to: string }> {
  return redirects.map((redirect) => ({ from: redirectsLinePath(`${baseurl}${redirect.from}`), to: redirectsLinePath(`${baseurl}${redirect.to}`) }));
}
