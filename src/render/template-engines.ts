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
  // Eleventy turns markdown-it's indented code blocks off in any library it is given (its issue
  // #2438); kramdown reads a line indented by four spaces as code, and Jekyll sites use it.
  eleventyConfig.amendLibrary("md", (library) => (library as Pick<MarkdownIt, "enable">).enable("code"));
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
    // Eleventy turns indented code blocks off in its library, and templateEngines back on.
    disable: (rules: string | string[]) => markdown.disable(rules),
    enable: (rules: string | string[]) => markdown.enable(rules),
    set: (options: Parameters<MarkdownIt["set"]>[0]) => markdown.set(options),
  };
}
