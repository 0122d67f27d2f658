import { decodedSegments, urlPathProblem } from "./url-paths.ts";

/**
 * Jekyll permalinks (`/common/x`, no extension) are served at exactly that path below the base
 * URL. The page is written as `<baseurl>/common/x.html`, which static hosts serve at
 * `<baseurl>/common/x`; templates keep seeing Jekyll's `page.url` (`/common/x`, no base URL).
 */

/** A page's Jekyll URL: its permalink, or its path below content/ without the extension. */
export function jekyllUrlOf(permalink: unknown, filePathStem: string): string {
  if (typeof permalink === "string" && permalink !== "") return permalink;
  return filePathStem.replace(/(^|\/)index$/, "$1");
}

/** The output path (Eleventy permalink) for a page's Jekyll URL. */
export function outputPathFor(jekyllUrl: string, baseurl: string): string {
  const clean = `/${jekyllUrl.replace(/^\/+/, "")}`;
  if (clean.endsWith("/")) return `${baseurl}${clean}index.html`;
  if (/\.[a-z0-9]+$/i.test(clean)) return `${baseurl}${clean}`;
  return `${baseurl}${clean}.html`;
}

/**
 * Whether the page at a Jekyll URL is an HTML page (`/x`, `/x.html`, `/x/`), not one of a Jekyll
 * site's pages of another type (`/search.json`, `/assets/css/style.css`): only HTML pages are
 * linked from the sitemap and llms.txt, have a Markdown copy, are checked and indexed as HTML.
 */
export function writesHtml(jekyllUrl: string): boolean {
  return outputPathFor(jekyllUrl, "").endsWith(".html");
}

/**
 * The file a page's Jekyll URL is written to: outputPathFor with percent-encoded characters
 * decoded (`/c%23%20tips/x.html` is `c# tips/x.html`), as Jekyll writes it and a host serves it.
 */
export function outputFileFor(jekyllUrl: string, baseurl: string): string {
  const output = outputPathFor(jekyllUrl, baseurl);
  if (!output.includes("%")) return output;
  const segments = decodedSegments(output);
  return segments === undefined ? output : `/${segments.join("/")}`;
}

/**
 * outputPathFor for a URL that must be a valid site path (url-paths.ts): the last guard before a
 * file is written. The checks refuse a bad path at its line long before this; a build run without
 * them (`npm run eleventy`) stops here rather than write outside the site.
 */
export function outputPathWithin(jekyllUrl: string, baseurl: string, source: string): string {
  const problem = urlPathProblem(jekyllUrl);
  if (problem) throw new Error(`${source}: "${JSON.stringify(jekyllUrl).slice(1, -1)}" is not a valid URL path: ${problem}`);
  return outputFileFor(jekyllUrl, baseurl);
}

/** The Jekyll URL of a page from its Eleventy output URL (the inverse of outputPathFor). */
export function jekyllUrlFor(outputUrl: string, baseurl: string): string {
  let url = outputUrl.startsWith(`${baseurl}/`) ? outputUrl.slice(baseurl.length) : outputUrl;
  if (url.endsWith("/index.html")) url = url.slice(0, -"index.html".length);
  else if (url.endsWith(".html")) url = url.slice(0, -".html".length);
  return url;
}

/** What a URL may hold as it is (RFC 3986's unreserved and reserved characters, and `%` of an escape). */
const NEEDS_ESCAPE = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

/** A path as Jekyll's `relative_url` gives it (Addressable's normalize): a space or `Ü` percent-encoded, the rest as written. */
export function escapedPath(path: string): string {
  if (!NEEDS_ESCAPE.test(path)) return path;
  return [...path].map((char) => (NEEDS_ESCAPE.test(char) ? encodeURIComponent(char) : char)).join("");
}

/** `relative_url`: a site path with the base URL in front; other URLs unchanged. */
export function relativeUrl(input: unknown, baseurl: string): string {
  const value = input == null ? "" : String(input);
  // Jekyll puts no slash after the base URL for empty input.
  if (value === "") return baseurl;
  // The common case, a site path, without the expression (a listing calls this per item).
  if (value.charCodeAt(0) === 47 && value.charCodeAt(1) !== 47) return `${baseurl}${value}`;
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(value)) return value;
  return `${baseurl}/${value.replace(/^\/+/, "")}`;
}

/** `absolute_url`: relative_url with the site's scheme and host in front. */
export function absoluteUrl(input: unknown, baseurl: string, siteUrl: string): string {
  const relative = relativeUrl(input, baseurl);
  return relative.startsWith("/") && !relative.startsWith("//") ? `${siteUrl}${relative}` : relative;
}

/** The host of the site's `url` setting (`https://www.example.com` -> `www.example.com`); undefined when there is none. */
export function siteHostOf(siteUrl: string): string | undefined {
  try {
    return siteUrl ? new URL(siteUrl).host : undefined;
  } catch {
    return undefined;
  }
}
