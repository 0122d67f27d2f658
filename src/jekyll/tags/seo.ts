import { type Context, type Emitter, type Liquid, Tag, type TagToken, type TopLevelToken, toValue } from "liquidjs";
import { jsonify } from "../../filters/ruby-json.ts";
import { rubyText } from "../../support/ruby-text.ts";
import { type SeoDrop as Drop, SeoDrop, type SeoFilters, type SeoPaginator, truthy } from "../seo-drop.ts";
import { engineFilters } from "./engine-filters.ts";

/**
 * jekyll-seo-tag's `{% seo %}` (2.8), for a Jekyll site that lists the plugin: its template
 * (lib/template.html, minified as the plugin minifies it: each element on a line of its own)
 * with the values of its drop (seo-drop.ts). `{% seo title=false %}` leaves the `<title>` out.
 * The generator meta names this generator, not Jekyll. Values are written as the template
 * writes them: the drop's text escaped by its format_string, the site's and the page's own keys
 * (an image's alt, a Facebook id) as they are.
 */

/** What the `generator` meta says. */
export const SEO_GENERATOR = "Stitch tunnel docs (Eleventy 3, LiquidJS, markdown-it)";
const VERSION = "2.8.0";

type Data = Record<string, unknown>;

const record = (value: unknown): Data => {
  const plain = toValue(value);
  return typeof plain === "object" && plain !== null && !Array.isArray(plain) ? (plain as Data) : {};
};

/** Liquid's `default`: nil, false, empty text and empty collections fall through. */
const orDefault = (...values: unknown[]): unknown =>
  values.find(
    (value) =>
      truthy(value) &&
      value !== "" &&
      !(Array.isArray(value) && value.length === 0) &&
      !(typeof value === "object" && value !== null && Object.keys(value).length === 0 && !(value instanceof Date)),
  );

/** The template's lines for the page, each written as the minified template writes it. */
export function seoTagLines(drop: Drop, site: Data, page: Data, showTitle: boolean, paginatorLinks: string[] = []): string[] {
  const lines = [`<!-- Begin Jekyll SEO tag v${VERSION} -->`];
  const meta = (attribute: "name" | "property", key: string, value: unknown) => lines.push(`<meta ${attribute}="${key}" content="${rubyText(value)}" />`);
  const title = drop.title;
  if (showTitle && title !== undefined) lines.push(`<title>${title}</title>`);
  meta("name", "generator", SEO_GENERATOR);
  const pageTitle = drop.pageTitle;
  if (pageTitle !== undefined) meta("property", "og:title", pageTitle);
  const author = drop.author;
  if (truthy(author.name)) meta("name", "author", author.name);
  meta("property", "og:locale", drop.pageLocale);
  const description = drop.description;
  if (description !== undefined) {
    meta("name", "description", description);
    meta("property", "og:description", description);
  }
  if (truthy(toValue(site.url))) {
    lines.push(`<link rel="canonical" href="${drop.canonicalUrl}" />`);
    meta("property", "og:url", drop.canonicalUrl);
  }
  const siteTitle = drop.siteTitle;
  if (siteTitle !== undefined) meta("property", "og:site_name", siteTitle);
  const image = drop.image;
  if (image) {
    meta("property", "og:image", image.path);
    for (const key of ["height", "width", "alt"]) if (truthy(toValue(image.hash[key]))) meta("property", `og:image:${key}`, image.hash[key]);
  }
  const date = toValue(page.date);
  if (truthy(date)) {
    meta("property", "og:type", "article");
    meta("property", "article:published_time", drop.datePublished);
  } else meta("property", "og:type", "website");
  lines.push(...paginatorLinks);
  if (image) {
    meta("name", "twitter:card", orDefault(toValue(record(page.twitter).card), toValue(record(site.twitter).card), "summary_large_image"));
    meta("property", "twitter:image", image.path);
  } else meta("name", "twitter:card", "summary");
  if (image && truthy(toValue(image.hash.alt))) meta("name", "twitter:image:alt", image.hash.alt);
  if (pageTitle !== undefined) meta("property", "twitter:title", pageTitle);
  if (truthy(toValue(site.twitter))) {
    meta("name", "twitter:site", `@${rubyText(record(site.twitter).username).replace(/@/g, "")}`);
    if (truthy(author.twitter)) meta("name", "twitter:creator", `@${rubyText(author.twitter).replace(/@/g, "")}`);
  }
  if (truthy(toValue(site.facebook))) {
    const facebook = record(site.facebook);
    if (truthy(toValue(facebook.admins))) meta("property", "fb:admins", facebook.admins);
    if (truthy(toValue(facebook.publisher))) meta("property", "article:publisher", facebook.publisher);
    if (truthy(toValue(facebook.app_id))) meta("property", "fb:app_id", facebook.app_id);
  }
  if (truthy(toValue(site.webmaster_verifications))) {
    const verifications = record(site.webmaster_verifications);
    const names: [string, string][] = [
      ["google", "google-site-verification"],
      ["bing", "msvalidate.01"],
      ["alexa", "alexaVerifyID"],
      ["yandex", "yandex-verification"],
      ["baidu", "baidu-site-verification"],
      ["facebook", "facebook-domain-verification"],
    ];
    for (const [key, name] of names) if (truthy(toValue(verifications[key]))) meta("name", name, verifications[key]);
  } else if (truthy(toValue(site.google_site_verification))) meta("name", "google-site-verification", site.google_site_verification);
  lines.push(`<script type="application/ld+json">\n${jsonify.call({}, drop.jsonLd())}</script>`);
  lines.push("<!-- End Jekyll SEO tag -->");
  return lines;
}

export class SeoTag extends Tag {
  /** The plugin's test: any `title=false` in the tag's markup. */
  private readonly showTitle: boolean;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    this.showTitle = !/title=false/i.test(token.args);
  }

  override render(ctx: Context, emitter: Emitter): void {
    const filter = engineFilters(this.liquid, ctx, this.token);
    const [markdownify, stripHtml, normalizeWhitespace, absoluteUrl] = ["markdownify", "strip_html", "normalize_whitespace", "absolute_url"].map(filter) as [
      (input: unknown) => string,
      (input: unknown) => string,
      (input: unknown) => string,
      (input: unknown) => string,
    ];
    const filters: SeoFilters = { markdownify: (text) => markdownify(rubyText(text)), stripHtml, normalizeWhitespace, absoluteUrl };
    const { site, page, paginator } = ctx.environments as { site?: unknown; page?: unknown; paginator?: unknown };
    const siteData = record(site);
    const pageData = record(page);
    const pages = record(paginator);
    const zone = typeof ctx.opts.timezoneOffset === "string" ? ctx.opts.timezoneOffset : undefined;
    const drop = new SeoDrop(pageData, siteData, filters, zone, truthy(toValue(paginator)) ? (pages as SeoPaginator) : undefined);
    const paginatorLinks: string[] = [];
    if (truthy(toValue(pages.previous_page))) paginatorLinks.push(`<link rel="prev" href="${filters.absoluteUrl(toValue(pages.previous_page_path))}" />`);
    if (truthy(toValue(pages.next_page))) paginatorLinks.push(`<link rel="next" href="${filters.absoluteUrl(toValue(pages.next_page_path))}" />`);
    emitter.write(`${seoTagLines(drop, siteData, pageData, this.showTitle, paginatorLinks).join("\n")}\n`);
  }
}
