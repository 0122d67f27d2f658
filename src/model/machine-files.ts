import type { SiteModel } from "./site-model.ts";
import { outputFileFor, outputPathFor, writesHtml } from "./urls.ts";

/**
 * The files the build writes for machines rather than readers (README, "Sharing and machines"):
 * a Markdown copy of each page (`/common/x` -> `<baseurl>/common/x.md`, beside its HTML) and
 * `<baseurl>/llms.txt`, which lists the pages with their copies. Which pages have a copy, and
 * where it goes, is decided here once: the output-path check claims these paths, the render
 * stage writes them, the layouts link them and llms.txt lists them.
 */

/** Where llms.txt is written (and served): at the base URL, as the llms.txt proposal asks. */
export const llmsTxtPath = (baseurl: string) => `${baseurl}/llms.txt`;

/**
 * Whether a page (its front matter, its Jekyll URL) is published for machines: every HTML page
 * but those kept out of search engines (`sitemap: false`: the 404 and search pages), which are no
 * reading matter. A Jekyll site's `search.json` or `feed.xml` is one for machines already.
 */
export function hasMarkdownCopy(data: Record<string, unknown> | undefined, url: string): boolean {
  return data !== undefined && data.sitemap !== false && writesHtml(url);
}

/** The output path of a page's Markdown copy: its HTML file's, ending in `.md`. */
export function markdownCopyPathFor(jekyllUrl: string, baseurl: string): string {
  return outputPathFor(jekyllUrl, baseurl).replace(/\.html$/i, ".md");
}

/** Where the build writes its sitemap and robots.txt (robots.txt at the host's root, where hosts look). */
export const sitemapPath = (baseurl: string) => `${baseurl}/sitemap.xml`;
export const ROBOTS_TXT_PATH = "/robots.txt";

/**
 * The sitemap and robots.txt that a Jekyll site writes itself (a `robots.txt` page with
 * `{{ site.url }}`, a `sitemap.xml` template, or such a file copied as it is): the build then
 * writes none of its own there, as Jekyll (jekyll-sitemap too) leaves the site's.
 */
export function ownMachineFiles(model: SiteModel): { sitemap: boolean; robots: boolean } {
  const { baseurl } = model.settings;
  const own = new Set([
    ...model.pages.filter((page) => page.data && page.output !== false).map((page) => outputFileFor(page.url, baseurl)),
    ...model.assets.filter((asset) => !asset.theme).map((asset) => `${baseurl}/${asset.output}`),
  ]);
  return { sitemap: own.has(sitemapPath(baseurl)), robots: own.has(ROBOTS_TXT_PATH) };
}
