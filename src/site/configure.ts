import path from "node:path";
import { load as loadYaml } from "js-yaml";
import type { EleventyConfig } from "@11ty/eleventy";
import { createMarkdown } from "../markdown/index.ts";
import { createLiquid } from "../liquid/engine.ts";
import { tutorialFilters } from "../tutorial/filters.ts";
import { jekyllUrlOf } from "./collections.ts";
import { readSiteSettings, type SiteDirectories } from "./settings.ts";
import { outputPathFor } from "./urls.ts";

/** Everything the site needs from Eleventy, wired once; each concern lives in its own module. */
export function configureSite(eleventyConfig: EleventyConfig, dirs: SiteDirectories) {
  const settings = readSiteSettings(dirs.data);
  const markdown = createMarkdown();
  const liquid = createLiquid({
    inputDir: dirs.input,
    includesDir: dirs.includes,
    dataDir: dirs.data,
    baseurl: settings.baseurl,
    siteUrl: settings.url,
    collections: settings.collections,
    markdown,
  });
  for (const [name, filter] of Object.entries(tutorialFilters)) liquid.registerFilter(name, filter);

  eleventyConfig.setLibrary("liquid", liquid);
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.addDataExtension("yml,yaml", (contents: string) => loadYaml(contents));
  eleventyConfig.on("eleventy.before", () => liquid.startBuild());
  // Not a collection for templates: the hook through which `site.<collection>` reuses Eleventy's parse.
  eleventyConfig.addCollection("jekyllScopePages", async (api) => {
    await liquid.jekyllScope.useEleventyPages(api.getAll());
    return [];
  });

  // Authors write Jekyll permalinks (`/common/x`); the page is written to `<baseurl>/common/x.html`.
  eleventyConfig.addGlobalData("eleventyComputed", {
    permalink: (data: { permalink?: unknown; page: { filePathStem: string } }) => {
      if (data.permalink === false) return false;
      return outputPathFor(jekyllUrlOf(data.permalink, data.page.filePathStem), settings.baseurl);
    },
  });
  eleventyConfig.addPassthroughCopy({ [path.join(dirs.input, "assets")]: `${settings.baseurl}/assets` });
  eleventyConfig.setUseGitIgnore(false);

  // Set through the API, not a returned object, so that the programmatic API (tests) gets them too.
  const fromInput = (dir: string) => path.relative(dirs.input, dir) || ".";
  eleventyConfig.setInputDirectory(dirs.input);
  eleventyConfig.setIncludesDirectory(fromInput(dirs.includes));
  eleventyConfig.setLayoutsDirectory(fromInput(path.join(dirs.includes, "layouts")));
  eleventyConfig.setDataDirectory(fromInput(dirs.data));
  eleventyConfig.setOutputDirectory(dirs.output);
  eleventyConfig.setTemplateFormats(["md", "html", "liquid"]);
}
