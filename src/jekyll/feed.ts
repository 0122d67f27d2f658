import { toValue } from "liquidjs";
import { xml_escape } from "../filters/jekyll-text.ts";
import { rubyText } from "../support/ruby-text.ts";
import { truthy, xmlSchemaTime } from "./seo-drop.ts";

/**
 * jekyll-feed 0.17's posts feed (lib/jekyll-feed/feed.xml, minified as the plugin minifies it:
 * no whitespace after a tag) and its `{% feed_meta %}` link, from the site's variables: the
 * site's title, description and author, the build's time, and the newest posts
 * (`feed.posts_limit`, 10 by default; no drafts unless `show_drafts`), each with its title,
 * link, dates, id, content (unless `feed.excerpt_only`), author (a name found in
 * `site.data.authors` brings that entry), categories and tags, summary (its description, else
 * its excerpt) and image. The plugin's other feeds (per collection, category or tag) are not
 * written. `<generator>` names this generator.
 */

type Data = Record<string, unknown>;

/** The Jekyll filters the feed's template calls, as this build has them. */
export interface FeedFilters {
  absoluteUrl(path: unknown): string;
  smartify(text: unknown): string;
  stripHtml(text: unknown): string;
  normalizeWhitespace(text: unknown): string;
}

export interface FeedOptions {
  site: Data;
  /** The feed's URL below the base URL (`/feed.xml`, or `feed.path`). */
  url: string;
  /** Whether the site has `feed.xslt.xml`: the feed names it as its style sheet. */
  xsl: boolean;
  zone: string | undefined;
  generator: string;
  filters: FeedFilters;
}

const record = (value: unknown): Data => {
  const plain = toValue(value);
  return typeof plain === "object" && plain !== null && !Array.isArray(plain) && !(plain instanceof Date) ? (plain as Data) : {};
};

/** Liquid's `default`: nil, false, empty text and empty collections fall through. */
const orDefault = (...values: unknown[]): unknown =>
  values.find(
    (value) =>
      truthy(value) && value !== "" && !(Array.isArray(value) && value.length === 0) && !(record(value) === value && Object.keys(value as Data).length === 0),
  );

/** The feed's path as `_config.yml` says it (`feed.path`), from the site's root. */
export function feedPathOf(site: Data): string {
  const path = toValue(record(site.feed).path);
  return `/${(truthy(path) ? rubyText(path) : "feed.xml").replace(/^\/+/, "")}`;
}

/** `{% feed_meta %}`: the link to the feed, titled with the site's title. */
export function feedMetaLink(site: Data, absoluteUrl: (path: unknown) => string): string {
  const feedPath = toValue(record(site.feed).path);
  const title = truthy(toValue(site.title)) ? toValue(site.title) : toValue(site.name);
  const attributes: [string, unknown][] = [
    ["type", "application/atom+xml"],
    ["rel", "alternate"],
    ["href", absoluteUrl(truthy(feedPath) ? feedPath : "feed.xml")],
  ];
  if (truthy(title)) attributes.push(["title", title]);
  return `<link ${attributes.map(([key, value]) => `${key}="${xml_escape(value)}"`).join(" ")} />`;
}

export function feedXml({ site, url, xsl, zone, generator, filters }: FeedOptions): string {
  const { absoluteUrl } = filters;
  const lang = toValue(site.lang);
  const feedConfig = record(site.feed);
  let xml = '<?xml version="1.0" encoding="utf-8"?>';
  if (xsl) xml += `<?xml-stylesheet type="text/xml" href="${absoluteUrl("/feed.xslt.xml")}"?>`;
  xml += `<feed xmlns="http://www.w3.org/2005/Atom" ${truthy(lang) ? `xml:lang="${rubyText(lang)}"` : ""}>`;
  xml += `<generator>${xml_escape(generator)}</generator>`;
  xml += `<link href="${absoluteUrl(url)}" rel="self" type="application/atom+xml" />`;
  xml += `<link href="${absoluteUrl("/")}" rel="alternate" type="text/html" ${truthy(lang) ? `hreflang="${rubyText(lang)}" ` : ""}/>`;
  xml += `<updated>${xmlSchemaTime(toValue(site.time), zone)}</updated>`;
  xml += `<id>${xml_escape(absoluteUrl(url))}</id>`;
  const title = orDefault(toValue(site.title), toValue(site.name));
  if (truthy(title)) xml += `<title type="html">${xml_escape(filters.smartify(title))}</title>`;
  if (truthy(toValue(site.description))) xml += `<subtitle>${xml_escape(toValue(site.description))}</subtitle>`;
  const author = toValue(site.author);
  if (truthy(author)) {
    const hash = record(author);
    xml += `<author><name>${xml_escape(orDefault(toValue(hash.name), author))}</name>`;
    if (truthy(toValue(hash.email))) xml += `<email>${xml_escape(toValue(hash.email))}</email>`;
    if (truthy(toValue(hash.uri))) xml += `<uri>${xml_escape(toValue(hash.uri))}</uri>`;
    xml += "</author>";
  }
  // site.posts is newest first: the template's `sort: "date" | reverse`.
  let posts = (toValue(site.posts) as unknown[] | undefined)?.map(record) ?? [];
  if (!truthy(toValue(site.show_drafts))) posts = posts.filter((post) => toValue(post.draft) !== true);
  const limit = Number(rubyText(orDefault(toValue(feedConfig.posts_limit), 10)));
  for (const post of posts.slice(0, Number.isFinite(limit) ? Math.max(0, limit) : 10)) xml += entryXml(post, site, feedConfig, zone, filters);
  return `${xml}</feed>`;
}

function entryXml(post: Data, site: Data, feedConfig: Data, zone: string | undefined, filters: FeedFilters): string {
  const { absoluteUrl } = filters;
  const lang = toValue(post.lang);
  const title = xml_escape(filters.normalizeWhitespace(filters.stripHtml(filters.smartify(toValue(post.title)))));
  const date = toValue(post.date);
  let xml = `<entry${truthy(lang) ? ` xml:lang="${rubyText(lang)}"` : ""}>`;
  xml += `<title type="html">${title}</title>`;
  xml += `<link href="${absoluteUrl(toValue(post.url))}" rel="alternate" type="text/html" title="${title}" />`;
  xml += `<published>${xmlSchemaTime(date, zone)}</published>`;
  xml += `<updated>${xmlSchemaTime(orDefault(toValue(post.last_modified_at), date), zone)}</updated>`;
  xml += `<id>${xml_escape(absoluteUrl(toValue(post.id)))}</id>`;
  if (!truthy(orDefault(toValue(record(post.feed).excerpt_only), toValue(feedConfig.excerpt_only)))) {
    xml += `<content type="html" xml:base="${xml_escape(absoluteUrl(toValue(post.url)))}"><![CDATA[${rubyText(post.content).trim()}]]></content>`;
  }
  const authors = toValue(post.authors);
  let author = orDefault(toValue(post.author), Array.isArray(authors) ? toValue(authors[0]) : undefined, toValue(site.author));
  const known = typeof author === "string" ? toValue(record(record(site.data).authors)[author]) : undefined;
  author = orDefault(known, author);
  const authorHash = record(author);
  xml += `<author><name>${xml_escape(orDefault(orDefault(toValue(authorHash.name), author), ""))}</name>`;
  if (truthy(orDefault(toValue(authorHash.email)))) xml += `<email>${xml_escape(toValue(authorHash.email))}</email>`;
  if (truthy(orDefault(toValue(authorHash.uri)))) xml += `<uri>${xml_escape(toValue(authorHash.uri))}</uri>`;
  xml += "</author>";
  const category = toValue(post.category);
  const categories = toValue(post.categories);
  const terms = truthy(category) ? [category] : Array.isArray(categories) ? categories : [];
  const tags = toValue(post.tags);
  for (const term of [...terms, ...(Array.isArray(tags) ? tags : [])]) xml += `<category term="${xml_escape(toValue(term))}" />`;
  const summary = orDefault(toValue(post.description), toValue(post.excerpt));
  if (truthy(summary) && rubyText(summary) !== "") {
    xml += `<summary type="html"><![CDATA[${filters.normalizeWhitespace(filters.stripHtml(summary))}]]></summary>`;
  }
  let image = orDefault(toValue(record(post.image).path), toValue(post.image));
  if (truthy(image)) {
    if (!rubyText(image).includes("://")) image = absoluteUrl(image);
    const imageUrl = xml_escape(image);
    xml += `<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="${imageUrl}" />`;
    xml += `<media:content medium="image" url="${imageUrl}" xmlns:media="http://search.yahoo.com/mrss/" />`;
  }
  return `${xml}</entry>`;
}
