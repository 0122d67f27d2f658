import type MarkdownIt from "markdown-it";

/**
 * Link and image URLs as written, as kramdown writes them (`/docs/Über uns.html` stays so, where
 * markdown-it percent-encodes it to `/docs/%C3%9Cber%20uns.html`): the same address to a browser,
 * and the same `href` as Jekyll's for the site's scripts and tests. The renderer still escapes
 * them for the attribute, and markdown-it still refuses `javascript:` and the like.
 */

export function kramdownLinkUrls(md: MarkdownIt): void {
  md.normalizeLink = (url) => url;
}
