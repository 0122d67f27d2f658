import type { EleventyConfig } from "@11ty/eleventy";
import { configureSite } from "./src/render/eleventy-config.ts";
import { siteDirectories } from "./src/model/settings.ts";

// The site is wired in src/render/eleventy-config.ts so that tests can build fixture sites the same way.
export default function (eleventyConfig: EleventyConfig) {
  configureSite(eleventyConfig, siteDirectories(process.cwd()));
}
