import { outputExtOf, pathParts } from "./permalinks.ts";

/**
 * What a URL path written by an author (a `permalink`, a `redirect_from` entry, a page's path
 * below content/ when it has no permalink) may hold. Each becomes a file name in the output, a
 * line of `_redirects`, an attribute in every page's head and a `<loc>` of the sitemap, so it is
 * held to one set of characters that means the same in all of them and needs escaping in none:
 * RFC 3986's unreserved characters (letters, digits, `-`, `.`, `_`, `~`) between single `/`s.
 *
 * Not allowed, and why:
 * - `?` and `#`: a query or fragment is not a page's path;
 * - `%`: a percent-encoded path is not its file's name (`/a%20b` is served from `a b.html`), so
 *   links, the sitemap and the file would disagree;
 * - other punctuation, spaces, non-ASCII letters: each needs encoding in URLs, and some have
 *   meanings of their own (`*` and `:` in `_redirects`, `"` and `<` in HTML);
 * - segments starting with `.` (`..` climbs out of the base URL; `.x` is a hidden file, which
 *   hosts may refuse to serve) and empty segments (`//`).
 *
 * A Jekyll site's page URLs (rule `jekyll`) are Jekyll's, which keeps more: what its
 * `URL.escape_path` leaves as it is, RFC 3986's sub-delimiters `! $ & ' ( ) * + , ; =` and `:`
 * `@` (a category `R&D` is `/r&d/...`, a permalink `/c++/tips/` stays so), and `%XX` for what it
 * encodes (`/c%23%20tips/`), the file being named with it decoded (`c# tips/`), as a host serves
 * it. Every place such a URL is written escapes it for that place (an attribute's `&`, the
 * sitemap's XML, `_redirects`' `:` and `*`). Still refused there: `?` (a host reads a query) and
 * `#`, and an encoded `/`, `\` or control character (no file name holds it).
 */

const UNRESERVED = /[A-Za-z0-9._~/-]/;
/** What a Jekyll site's page URL may hold besides `%XX`: unreserved characters, sub-delimiters, `:` and `@`. */
const JEKYLL_KEPT = /[A-Za-z0-9._~/!$&'()*+,;=:@-]/;
/** A percent-encoded character. */
const ENCODED = /%[0-9A-Fa-f]{2}/g;

/** The path's segments, percent-encoding decoded (the file's names); undefined when it is not UTF-8. */
export function decodedSegments(value: string): string[] | undefined {
  try {
    return value.slice(1).split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** File systems refuse names over 255 bytes; `.html` is added to a page's last segment. */
export const MAX_SEGMENT_LENGTH = 200;

export interface UrlPathRules {
  /** A Jekyll site's page URL: the characters Jekyll keeps as they are, and `%XX` (the file's name is the path decoded). */
  jekyll?: boolean;
  /**
   * The page's own output extension when it is not HTML (a Jekyll site's `search.json`, or
   * `style.scss`: `.css`): its URL may end in that, as Jekyll writes it.
   */
  extension?: string;
}

/**
 * The rules for a site's page URLs: one per site (and per page type, in a Jekyll site), so that
 * every check and list agrees on which pages are built.
 */
export function pageUrlRulesOf(site: { kind: "native" | "jekyll" }, page?: { file: string }): UrlPathRules {
  const jekyll = site.kind === "jekyll";
  const extension = jekyll && page ? outputExtOf(pathParts(page.file).extension).toLowerCase() : ".html";
  return { jekyll, ...(extension !== ".html" ? { extension } : {}) };
}

/** What is wrong with `value` as a site path, as the end of a sentence ("it contains ..."); undefined when nothing. */
export function urlPathProblem(value: string, rules: UrlPathRules = {}): string | undefined {
  if (!value.startsWith("/")) return 'it must start with "/" (a path below the base URL, like /common/x)';
  const allowed = rules.jekyll ? JEKYLL_KEPT : UNRESERVED;
  const bad = [...(rules.jekyll ? value.replace(ENCODED, "") : value)].find((char) => !allowed.test(char));
  if (bad !== undefined) return `it contains ${describeCharacter(bad)}; ${rules.jekyll ? JEKYLL_URL_RULE : URL_PATH_RULE}`;
  const segments = decodedSegments(value);
  if (segments === undefined) return "its percent-encoded characters are not UTF-8 text";
  const unnameable = segments.join("").match(/[/\\\u0000-\u001f\u007f]/)?.[0];
  if (unnameable !== undefined) return `it encodes ${describeCharacter(unnameable)}, which no file name may hold`;
  // A trailing `/` (a folder's index page) leaves one empty segment at the end, which is fine.
  const inner = value.endsWith("/") ? segments.slice(0, -1) : segments;
  if (inner.some((segment) => segment === "")) return 'it contains "//"';
  const dotted = inner.find((segment) => segment.startsWith("."));
  if (dotted === "..") return 'it has a ".." segment, which would climb out of the base URL';
  if (dotted !== undefined) return `it has a segment "${dotted}" that starts with "." (a hidden file, or the folder itself)`;
  const long = inner.find((segment) => segment.length > MAX_SEGMENT_LENGTH);
  if (long !== undefined) return `a segment is ${long.length} characters long; at most ${MAX_SEGMENT_LENGTH} fit in a file name`;
  return undefined;
}

/** The extension a URL path ends in (`.html`, `.js`), as the output path keeps it; "" for none. */
export function urlPathExtension(value: string): string {
  return /\.[a-z0-9]+$/i.exec(value)?.[0] ?? "";
}

/**
 * What is wrong with `value` as a page's URL: a site path (urlPathProblem) that the page is
 * written to as HTML. A permalink ending in `.js` or `.css` would publish the page's HTML under a
 * name the browser runs or applies; `.html` and no extension are the only page URLs.
 */
export function pageUrlProblem(value: string, rules: UrlPathRules = {}): string | undefined {
  const problem = urlPathProblem(value, rules);
  if (problem) return problem;
  const extension = urlPathExtension(value);
  if (rules.extension !== undefined && extension.toLowerCase() === rules.extension) return undefined;
  if (extension !== "" && extension.toLowerCase() !== ".html") {
    return `it ends in "${extension}", and a page is published as HTML: end it in ".html" or with no extension`;
  }
  return undefined;
}

/** What to do about a character a path can't hold. */
const URL_PATH_RULE = 'use letters, digits, "-", "_", "." and "~" between single "/"s';
const JEKYLL_URL_RULE = `use letters, digits, "-", "_", ".", "~", ${[..."!$&'()*+,;=:@"].map((char) => `"${char}"`).join(" ")} and %XX between single "/"s`;

function describeCharacter(char: string): string {
  if (char === " ") return "a space";
  if (char === "\n" || char === "\r") return "a line break";
  if (char === "\t") return "a tab";
  if (/[\u0000-\u001f\u007f]/.test(char)) return `a control character (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
  if (char === "?" || char === "#") return `"${char}": a page's path has no query or fragment`;
  if (char === "%") return '"%": percent-encoding would make the URL differ from its file\'s name';
  if (char === "\\") return "a backslash";
  if (char.codePointAt(0)! > 0x7f) return `"${char}", which is not ASCII`;
  return JSON.stringify(char);
}
