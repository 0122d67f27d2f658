import { outputPathFor } from "./urls.ts";

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
 * Whether a page (its front matter) is published for machines: every page but those kept out of
 * search engines (`sitemap: false`: the 404 and search pages), which are no reading matter.
 */
export function hasMarkdownCopy(data: Record<string, unknown> | undefined): boolean {
  return data !== undefined && data.sitemap !== false;
}

/** The output path of a page's Markdown copy: its HTML file's, ending in `.md`. */
export function markdownCopyPathFor(jekyllUrl: string, baseurl: string): string {
  return outputPathFor(jekyllUrl, baseurl).replace(/\.html$/i, ".md");
}
