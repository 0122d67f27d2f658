import type { EleventyConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import type { JekyllLiquid } from "../jekyll/engine.ts";
import type { MarkdownCopies } from "./markdown-copies.ts";

/** The Eleventy plugin that renders Liquid with the Jekyll dialect and markdown with the site's markdown-it. */
export function templateEngines(
  eleventyConfig: EleventyConfig,
  { engine, markdown, copies }: { engine: JekyllLiquid; markdown: MarkdownIt; copies?: MarkdownCopies },
): void {
  eleventyConfig.setLibrary("liquid", engine);
  eleventyConfig.setLibrary("md", copies ? pageBodyMarkdown(markdown, copies) : markdown);
}

/**
 * The site's markdown-it as Eleventy's markdown library for page bodies, telling the Markdown
 * copies each body as Liquid left it: Eleventy renders a markdown page's Liquid, then hands the
 * result to `render` with the page's data (its `page.inputPath`). Everything else is markdown-it's.
 */
function pageBodyMarkdown(markdown: MarkdownIt, copies: MarkdownCopies) {
  return {
    render(source: string, env?: { page?: { inputPath?: unknown } }): string {
      const inputPath = env?.page?.inputPath;
      if (typeof inputPath === "string") copies.recordSource(inputPath, source);
      return markdown.render(source, env);
    },
    // Eleventy turns indented code blocks off in its library (as it always has in this one).
    disable: (rules: string | string[]) => markdown.disable(rules),
    set: (options: Parameters<MarkdownIt["set"]>[0]) => markdown.set(options),
  };
}
