import type { EleventyConfig } from "@11ty/eleventy";
import { configureSite } from "./src/site/configure.ts";
import { siteDirectories } from "./src/site/settings.ts";

// The site is wired in src/site/configure.ts so that tests can build fixture sites the same way.
export default function (eleventyConfig: EleventyConfig) {
  configureSite(eleventyConfig, siteDirectories(process.cwd()));
}
