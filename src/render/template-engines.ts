import type { EleventyConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import type { JekyllLiquid } from "../jekyll/engine.ts";

/** The Eleventy plugin that renders Liquid with the Jekyll dialect and markdown with the site's markdown-it. */
export function templateEngines(eleventyConfig: EleventyConfig, { engine, markdown }: { engine: JekyllLiquid; markdown: MarkdownIt }): void {
  eleventyConfig.setLibrary("liquid", engine);
  eleventyConfig.setLibrary("md", markdown);
}
