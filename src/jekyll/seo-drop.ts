import { toValue } from "liquidjs";
import { parsePostDate } from "../model/post-dates.ts";
import { rubyText } from "../support/ruby-text.ts";
import { isAbsoluteUrl, normalizeUriComponent } from "../support/ruby-uri.ts";

/**
 * What jekyll-seo-tag 2.8 works out for a page (its Drop, AuthorDrop, ImageDrop and
 * JSONLDDrop), method by method: the title as page and site title combine, the description (the
 * page's, else a document's excerpt, else the site's), the author (the page's `author`, the
 * first of `authors`, the site's; a name found in `site.data.authors` brings that entry), the
 * image, the canonical URL, the locale, and the JSON-LD object, keys sorted as the plugin sorts
 * them. Text passes through the plugin's format_string (markdownify, strip_html,
 * normalize_whitespace, escape_once), so it is escaped as the plugin escapes it.
 */

type Data = Record<string, unknown>;

/** The Jekyll filters the plugin calls, as this build has them. */
export interface SeoFilters {
  markdownify(text: unknown): string;
  stripHtml(text: string): string;
  normalizeWhitespace(text: string): string;
  absoluteUrl(path: unknown): string;
}

const TITLE_SEPARATOR = " | ";
const HOMEPAGE_OR_ABOUT = /^\/(about\/)?(index.html?)?$/m;
const VALID_ENTITY_TYPES = ["BlogPosting", "CreativeWork"];
const VALID_AUTHOR_TYPES = ["Organization", "Person"];

/** Ruby's truthiness: only nil and false are false. */
export const truthy = (value: unknown): boolean => value !== undefined && value !== null && value !== false;
/** Ruby's `a || b`. */
const or = <T>(...values: T[]): T | undefined => values.find(truthy);

const isHash = (value: unknown): value is Data => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
const subHash = (hash: Data, key: string): Data => {
  const value = toValue(hash[key]);
  return isHash(value) ? value : {};
};

const HTML_ESCAPE: Record<string, string> = { "&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;" };

/** Ruby Liquid's escape_once (LiquidJS's re-escapes named references like `&rsquo;` and writes `"` as `&#34;`). */
export function rubyEscapeOnce(text: string): string {
  return text.replace(/["><']|&(?!([a-zA-Z]+|(#\d+));)/g, (char) => HTML_ESCAPE[char]!);
}

/** Jekyll's date_to_xmlschema: the time in the site's zone (Jekyll's `time` filter helper calls `localtime`). */
export function xmlSchemaTime(value: unknown, zone: string | undefined): string {
  const time = parsePostDate(toValue(value), zone);
  if (!time) return rubyText(value);
  const wall = new Date(time.getTime() + time.offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = Math.abs(time.offsetMinutes);
  const sign = time.offsetMinutes < 0 ? "-" : "+";
  return (
    `${String(wall.getUTCFullYear()).padStart(4, "0")}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  );
}

export interface SeoAuthor {
  name: unknown;
  twitter: string | undefined;
  /** The author's keys (type, url, ...), as the drop falls back to them. */
  hash: Data;
}

export interface SeoImage {
  /** The escaped absolute URL. */
  path: string;
  hash: Data;
  /** The drop's keys: `path` and the image's own. */
  keys: string[];
}

export interface SeoPaginator {
  page?: unknown;
  total_pages?: unknown;
}

/** jekyll-seo-tag's Drop for one page. */
export class SeoDrop {
  private readonly page: Data;
  private readonly site: Data;
  private readonly pageSeo: Data;
  private readonly siteSocial: Data;

  constructor(
    page: Data,
    site: Data,
    private readonly filters: SeoFilters,
    private readonly zone: string | undefined,
    private readonly paginator?: SeoPaginator,
  ) {
    this.page = page;
    this.site = site;
    this.pageSeo = subHash(page, "seo");
    this.siteSocial = subHash(site, "social");
  }

  private get(hash: Data, key: string): unknown {
    return toValue(hash[key]);
  }

  /** format_string: markdownify, strip_html, normalize_whitespace, escape_once; nil when empty. */
  formatString(value: unknown): string | undefined {
    const text = rubyEscapeOnce(this.filters.normalizeWhitespace(this.filters.stripHtml(this.filters.markdownify(value))));
    return text === "" ? undefined : text;
  }

  get siteTitle(): string | undefined {
    return this.formatString(or(this.get(this.site, "title"), this.get(this.site, "name")));
  }

  get siteDescription(): string | undefined {
    return this.formatString(this.get(this.site, "description"));
  }

  private get siteTagline(): string | undefined {
    return this.formatString(this.get(this.site, "tagline"));
  }

  /** The page's title without the site's. */
  get pageTitle(): string | undefined {
    return or(this.formatString(this.get(this.page, "title")), this.siteTitle);
  }

  /** The page's title with the site's (or the site's with its tagline or description). */
  get title(): string | undefined {
    const { siteTitle, pageTitle, siteDescription } = this;
    let title: string | undefined;
    if (siteTitle && pageTitle !== siteTitle) title = pageTitle + TITLE_SEPARATOR + siteTitle;
    else if (siteDescription && siteTitle) title = siteTitle + TITLE_SEPARATOR + (or(this.siteTagline, siteDescription) ?? "");
    else title = or(pageTitle, siteTitle);
    const pageNumber = this.pageNumber();
    return pageNumber !== undefined && title !== undefined ? pageNumber + title : title;
  }

  private pageNumber(): string | undefined {
    const current = Number(toValue(this.paginator?.page));
    if (!this.paginator || !truthy(toValue(this.paginator.page)) || !(current > 1)) return undefined;
    const message = rubyText(or(this.get(this.site, "seo_paginator_message"), "Page %<current>s of %<total>s for "));
    return message.replace(/%<current>s/g, String(current)).replace(/%<total>s/g, rubyText(this.paginator.total_pages));
  }

  private get homepageOrAbout(): boolean {
    return HOMEPAGE_OR_ABOUT.test(rubyText(this.page.url));
  }

  get name(): string | undefined {
    const seoName = this.get(this.pageSeo, "name");
    if (truthy(seoName)) return this.formatString(seoName);
    if (!this.homepageOrAbout) return undefined;
    const socialName = this.get(this.siteSocial, "name");
    if (truthy(socialName)) return this.formatString(socialName);
    return this.siteTitle;
  }

  get description(): string | undefined {
    return or(this.formatString(or(this.get(this.page, "description"), this.get(this.page, "excerpt"))), this.siteDescription);
  }

  get author(): SeoAuthor {
    const authors = this.get(this.page, "authors");
    const sources = [this.get(this.page, "author"), ...(Array.isArray(authors) ? [toValue(authors[0])] : []), this.get(this.site, "author")];
    // Ruby's `to_s.empty?`: a hash or a list is never empty text.
    const resolved = sources.find((source) => isHash(source) || Array.isArray(source) || rubyText(source) !== "");
    let hash: Data = {};
    if (isHash(resolved)) hash = resolved;
    else if (typeof resolved === "string") {
      const known = subHash(subHash(this.site, "data"), "authors")[resolved];
      hash = { name: resolved, ...(isHash(known) ? known : {}) };
    }
    const twitter = or(toValue(hash.twitter), toValue(hash.name));
    return { name: toValue(hash.name), twitter: typeof twitter === "string" ? twitter.replace(/^@/, "") : undefined, hash };
  }

  get image(): SeoImage | undefined {
    const meta = this.get(this.page, "image");
    const hash: Data = isHash(meta) ? { path: null, ...meta } : { path: typeof meta === "string" ? meta : null };
    const raw = or(toValue(hash.path), toValue(hash.facebook), toValue(hash.twitter));
    if (!truthy(raw)) return undefined;
    const absolute = typeof raw === "string" && isAbsoluteUrl(raw) === false ? this.filters.absoluteUrl(raw) : raw;
    if (!truthy(absolute)) return undefined;
    const path = normalizeUriComponent(rubyText(absolute));
    return { path, hash, keys: [...new Set(["path", ...Object.keys(hash)])] };
  }

  get dateModified(): string | undefined {
    const date = or(this.get(this.pageSeo, "date_modified"), this.get(this.page, "last_modified_at"), this.get(this.page, "date"));
    return truthy(date) ? xmlSchemaTime(date, this.zone) : undefined;
  }

  get datePublished(): string | undefined {
    const date = this.get(this.page, "date");
    return truthy(date) ? xmlSchemaTime(date, this.zone) : undefined;
  }

  get type(): unknown {
    const own = this.get(this.pageSeo, "type");
    if (truthy(own)) return own;
    if (this.homepageOrAbout) return "WebSite";
    return truthy(this.get(this.page, "date")) ? "BlogPosting" : "WebPage";
  }

  get links(): unknown {
    const own = this.get(this.pageSeo, "links");
    if (truthy(own)) return own;
    return this.homepageOrAbout ? or(this.get(this.siteSocial, "links")) : undefined;
  }

  get logo(): string | undefined {
    const logo = this.get(this.site, "logo");
    if (!truthy(logo)) return undefined;
    const text = rubyText(logo);
    return normalizeUriComponent(isAbsoluteUrl(text) ? text : this.filters.absoluteUrl(logo));
  }

  get pageLocale(): string {
    const lang = or(this.get(this.page, "lang"), this.get(this.site, "lang"), "en_US");
    return rubyText(or(this.get(this.page, "locale"), this.get(this.site, "locale"), lang)).replace(/-/g, "_");
  }

  get canonicalUrl(): string {
    const own = this.get(this.page, "canonical_url");
    if (rubyText(own) !== "") return rubyText(own);
    return this.filters.absoluteUrl(this.get(this.page, "url")).replace(/\/index\.html$/, "/");
  }

  /** JSONLDDrop's object: its keys sorted, nil values left out. */
  jsonLd(): Data {
    const author = this.author;
    const image = this.image;
    const logo = this.logo;
    const canonical = this.canonicalUrl;
    const values: Data = {
      "@context": "https://schema.org",
      "@type": this.type,
      author: this.jsonLdAuthor(author),
      dateModified: this.dateModified,
      datePublished: this.datePublished,
      description: this.description,
      headline: this.pageTitle,
      image: image && this.jsonLdImage(image),
      mainEntityOfPage: VALID_ENTITY_TYPES.includes(this.type as string) ? { "@type": "WebPage", "@id": canonical } : undefined,
      name: this.name,
      publisher: logo
        ? { "@type": "Organization", logo: { "@type": "ImageObject", url: logo }, ...(truthy(author.name) ? { name: author.name } : {}) }
        : undefined,
      sameAs: this.links,
      url: canonical,
    };
    return Object.fromEntries(
      Object.keys(values)
        .sort()
        .filter((key) => values[key] !== undefined && values[key] !== null)
        .map((key) => [key, values[key]]),
    );
  }

  private jsonLdAuthor(author: SeoAuthor): Data | undefined {
    if (!truthy(author.name)) return undefined;
    const type = toValue(author.hash.type);
    if (truthy(type) && !VALID_AUTHOR_TYPES.includes(type as string)) return undefined;
    const url = toValue(author.hash.url);
    return { "@type": or(type, "Person"), name: author.name, ...(truthy(url) ? { url } : {}) };
  }

  private jsonLdImage(image: SeoImage): unknown {
    if (image.keys.length === 1) return image.path;
    // Drop#to_h: the drop's keys in order (`path` the method's), then `path` renamed `url`.
    const hash: Data = {};
    for (const key of image.keys) if (key !== "path") hash[key] = toValue(image.hash[key]);
    hash.url = image.path;
    hash["@type"] = "imageObject";
    return hash;
  }
}
