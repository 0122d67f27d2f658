import { datePlaceholders } from "./post-dates.ts";

/**
 * Jekyll 4.3's URLs for a Jekyll site tree (Jekyll::URL, Page#template, Collection#url_template,
 * Drops::UrlDrop): a pattern of placeholders (`/:collection/:path:output_ext`) filled from the
 * file's path, then cleaned as Jekyll cleans it. A placeholder the file has no value for stays as
 * written (as in Jekyll); the URL checks then report it.
 */

/** The site-wide `permalink:` styles, as they end a page's or a collection's pattern. */
const STYLE_SUFFIX: Record<string, string> = { pretty: "/", date: ":output_ext", ordinal: ":output_ext", none: ":output_ext", weekdate: ":output_ext" };

/** Utils.add_permalink_suffix: how a site-wide permalink style ends a pattern. */
export function withPermalinkSuffix(template: string, style: unknown): string {
  const name = typeof style === "string" ? style : "date";
  if (name in STYLE_SUFFIX) return `${template}${STYLE_SUFFIX[name]}`;
  if (name.endsWith("/")) return `${template}/`;
  if (name.endsWith(":output_ext")) return `${template}:output_ext`;
  return template;
}

/** Utils.slugify: `default` keeps letters and digits; `pretty` also `._~!$&'()+,;=@`. */
export function slugify(value: unknown, mode: "default" | "pretty" = "default", cased = false): string {
  if (value == null) return "";
  const pattern = mode === "pretty" ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu;
  const slug = String(value)
    .replace(pattern, "-")
    .replace(/^-+|-+$/g, "");
  return cased ? slug : slug.toLowerCase();
}

/** URL#sanitize_url: one leading `/`, no `..`, no `./`, no doubled `/`. */
function sanitize(url: string): string {
  return `/${url}`
    .replaceAll("..", "/")
    .replaceAll("./", "")
    .replace(/\/{2,}/g, "/");
}

/** What URL.escape_path leaves as it is: unreserved characters, sub-delimiters, `:`, `@`, `/` and `?`. */
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

/**
 * URL.escape_path: a placeholder's value percent-encoded as Jekyll 4.3 puts it in a URL (`C# tips`
 * -> `c%23%20tips` once lower-cased, `café` -> `caf%C3%A9`); the page's file is the URL decoded.
 */
export function escapePath(value: string): string {
  if (/^[a-zA-Z0-9./-]*$/.test(value)) return value;
  return [...value].map((char) => (PATH_SAFE.test(char) ? char : encodeURIComponent(char))).join("");
}

/** URL#generate_url_from_hash: `:key` replaced by its escaped value; an empty value also takes the `/` before it. */
export function fillPermalink(template: string, placeholders: Record<string, string | undefined>): string {
  let url = template;
  // Longer names first, so that `:basename` is not read as `:base` + "name".
  for (const key of Object.keys(placeholders).sort((a, b) => b.length - a.length)) {
    const value = placeholders[key];
    if (value === undefined || value === "") url = url.replaceAll(`/:${key}`, "").replaceAll(`:${key}`, "");
    else url = url.replaceAll(`:${key}`, escapePath(value));
  }
  return sanitize(url);
}

/** Jekyll's default `markdown_ext` (markdown,mkdown,mkdn,mkd,md): the files kramdown converts. */
export const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set([".markdown", ".mkdown", ".mkdn", ".mkd", ".md"]);

/** Jekyll's converters' output extension: markdown is `.html`, Sass (jekyll-sass-converter) `.css`, anything else its own. */
export const outputExtOf = (extension: string) => (MARKDOWN_EXTENSIONS.has(extension) ? ".html" : SASS_EXTENSIONS.has(extension) ? ".css" : extension);

/** The files jekyll-sass-converter compiles (when they have front matter). */
export const SASS_EXTENSIONS: ReadonlySet<string> = new Set([".scss", ".sass"]);

export interface PathParts {
  /** Relative to the site root or the collection's folder, `/`-separated, with extension. */
  relative: string;
  extension: string;
  basename: string;
}

export function pathParts(relative: string): PathParts {
  const name = relative.slice(relative.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot) : "";
  return { relative, extension, basename: dot > 0 ? name.slice(0, dot) : name };
}

/** A page's URL (Jekyll::Page): its `permalink`, else `/:path/:basename:output_ext` as the site's style ends it. */
export function pageUrl(relativePath: string, permalink: unknown, style: unknown): string {
  const { extension, basename } = pathParts(relativePath);
  const outputExt = outputExtOf(extension);
  const dir = relativePath.includes("/") ? relativePath.slice(0, relativePath.lastIndexOf("/")) : "";
  const placeholders = { path: dir === "" ? "" : `/${dir}`, basename, output_ext: outputExt };
  let template: string;
  if (typeof permalink === "string" && permalink !== "") template = permalink;
  else if (outputExt !== ".html") template = "/:path/:basename:output_ext";
  else if (basename === "index") template = "/:path/";
  else template = withPermalinkSuffix("/:path/:basename", style);
  return fillPermalink(template, placeholders);
}

/** A collection's pattern for its documents (Collection#url_template). */
export function collectionTemplate(permalink: unknown, style: unknown): string {
  if (typeof permalink === "string" && permalink !== "") return permalink;
  return withPermalinkSuffix("/:collection/:path", style);
}

/**
 * A collection document's URL (Jekyll::Document with Drops::UrlDrop): `relativeInCollection` is
 * the path below the collection's folder (`setup/ssh.md`).
 */
export function documentUrl(
  collection: string,
  relativeInCollection: string,
  frontMatter: Record<string, unknown>,
  template: string,
  /** The document's categories (Document#populate_categories), for `:categories`. */
  categories: readonly string[] = [],
): { url: string; slug: string; id: string } {
  const { extension, basename } = pathParts(relativeInCollection);
  const cleanedPath = `/${relativeInCollection.slice(0, relativeInCollection.length - extension.length)}`.replace(/\.+$/, "");
  const slugSource = typeof frontMatter.slug === "string" ? frontMatter.slug : basename;
  const permalink = typeof frontMatter.permalink === "string" && frontMatter.permalink !== "" ? frontMatter.permalink : template;
  const placeholders = {
    collection,
    path: cleanedPath,
    name: slugify(basename),
    title: slugify(slugSource, "pretty", true),
    slug: slugify(slugSource),
    output_ext: outputExtOf(extension),
    categories: categoriesPlaceholder(categories),
  };
  return { url: fillPermalink(permalink, placeholders), slug: slugify(slugSource), id: `/${collection}${cleanedPath}` };
}

/**
 * Where a collection's static file (no front matter) is written (Jekyll::StaticFile): the
 * collection's pattern filled without an extension gives the folder, then the file's own name.
 */
export function collectionStaticPath(collection: string, relativeInCollection: string, template: string): string {
  const { extension, basename } = pathParts(relativeInCollection);
  const cleanedPath = `/${relativeInCollection.slice(0, relativeInCollection.length - extension.length)}`;
  const url = fillPermalink(template, { collection, path: cleanedPath, output_ext: "", name: basename, title: "" });
  const folder = url.replace(/\/+$/, "").replace(/\/[^/]*$/, "");
  return `${folder}/${basename}${extension}`.replace(/^\/+/, "");
}

/** Configuration#style_to_permalink: the site-wide `permalink:` style as a post's pattern. */
const POST_STYLES: Record<string, string> = {
  none: "/:categories/:title:output_ext",
  date: "/:categories/:year/:month/:day/:title:output_ext",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
};

/** The posts' pattern: `collections: posts: permalink:`, else the site's style (`date` by default) or its own pattern. */
export function postTemplate(collectionPermalink: unknown, style: unknown): string {
  if (typeof collectionPermalink === "string" && collectionPermalink !== "") return collectionPermalink;
  const name = typeof style === "string" && style !== "" ? style : "date";
  return POST_STYLES[name] ?? name;
}

export interface PostUrlParts {
  /** Relative to the site root: `releases/_posts/2024-03-05-title.md`. */
  file: string;
  /** The folder it was read from (`_posts` or `_drafts`), as Jekyll's cleaned_relative_path drops it. */
  folder: string;
  /** `data.slug`: the title part of the file name unless the front matter has its own. */
  slug: unknown;
  categories: readonly string[];
  date: Date;
}

/** UrlDrop#categories, for `:categories`: each category once, in lower case, as folders. */
function categoriesPlaceholder(categories: readonly string[]): string {
  return [...new Set(categories.map((category) => category.toLowerCase()))].join("/");
}

/** A post's URL (Document#url with Drops::UrlDrop): its `permalink`, else the posts' pattern, with the date's placeholders. */
export function postUrl(post: PostUrlParts, permalink: unknown, template: string): string {
  const { extension, basename } = pathParts(post.file);
  const slug = post.slug == null ? basename : String(post.slug);
  const placeholders = {
    collection: "posts",
    path: post.file
      .slice(0, post.file.length - extension.length)
      .replace(post.folder, "")
      .replace(/\.+$/, ""),
    name: slugify(basename),
    title: slugify(slug, "pretty", true),
    slug: slugify(slug),
    categories: categoriesPlaceholder(post.categories),
    slugified_categories: [...new Set(post.categories.map((category) => slugify(category)))].join("/"),
    output_ext: outputExtOf(extension),
    ...datePlaceholders(post.date),
  };
  return fillPermalink(typeof permalink === "string" && permalink !== "" ? permalink : template, placeholders);
}

/**
 * Jekyll's Utils.titleize_slug, the title of a document without one, from its file name:
 * `SSH-tunnel_CHECKLIST` -> `Ssh Tunnel_checklist` (Ruby's capitalize lowers the rest).
 */
export function titleizeSlug(slug: string): string {
  return slug
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(" ");
}
