import type { EleventyConfig } from "@11ty/eleventy";
import type { MarkdownCopies } from "./markdown-copies.ts";

/**
 * How the render stage hands each page on: Eleventy renders, and the page's final HTML goes to a
 * PageOutput (the page writer, src/publish/page-writer.ts) the moment it is done, instead of to
 * Eleventy's own writer, which keeps every page's HTML in memory until the whole build is
 * written (hundreds of megabytes at thousands of tutorials). Eleventy runs in dry-run mode and
 * gets an empty string back.
 */

export interface RenderedPage {
  /** The file to write, as Eleventy names it (its `outputPath`). */
  outputPath: string;
  /** Eleventy's URL of the page (`/docs/common/x.html`). */
  url: string;
  inputPath: string;
  /** Its place among the build's HTML pages in URL order; -1 when it has none. */
  order: number;
  content: string;
}

/** Something that takes every page and has a result once the last is in (the checks' summaries, the search index). */
export interface PageProcessor<Result> {
  page(page: RenderedPage): void | Promise<void>;
  finish(): Result | Promise<Result>;
  /** Stops what it started (a process, say) without finishing: the build failed. */
  close?(): void | Promise<void>;
}

export interface PageOutput {
  /** The build's HTML page URLs in order, before the first page renders. */
  expect(urls: readonly string[]): void;
  /** Resolves when the page at `url` may start its layouts (the Liquid engine's page gate). */
  turn(url: string): Promise<void>;
  take(page: RenderedPage): void;
}

const isHtmlUrl = (url: string) => url.endsWith(".html") || url.endsWith("/");

/** `x.html` -> `x.md`, `/docs/` (Eleventy's URL of `/docs/index.html`) -> `/docs/index.md`. */
const copyOf = (file: string) => (file.endsWith("/") ? `${file}index.md` : file.replace(/\.html$/i, ".md"));

/**
 * The Eleventy plugin: add it last, since transforms run in the order they were added. A page
 * with a Markdown copy (`copies`) is followed by its copy, as a file of its own.
 */
export function pageOutputPlugin(eleventyConfig: EleventyConfig, { output, copies }: { output: PageOutput; copies?: MarkdownCopies }): void {
  let order = new Map<string, number>();
  // Every page's URL is known before the first one renders.
  eleventyConfig.on("eleventy.contentMap", ({ urlToInputPath }: { urlToInputPath: Record<string, unknown> }) => {
    const urls = Object.keys(urlToInputPath).filter(isHtmlUrl).sort();
    order = new Map(urls.map((url, i) => [url, i]));
    output.expect(urls);
  });
  eleventyConfig.addTransform("hand-over-page", function (content: unknown) {
    const { outputPath, inputPath, url } = this.page as { outputPath: string | false; inputPath: string; url?: string | false };
    if (typeof outputPath !== "string") return content;
    const pageUrl = typeof url === "string" ? url : "";
    output.take({ outputPath, inputPath, url: pageUrl, order: order.get(pageUrl) ?? -1, content: String(content) });
    const copy = /\.html$/i.test(outputPath) ? copies?.take(inputPath) : undefined;
    if (copy !== undefined) output.take({ outputPath: copyOf(outputPath), inputPath, url: copyOf(pageUrl), order: -1, content: copy });
    return "";
  });
}
