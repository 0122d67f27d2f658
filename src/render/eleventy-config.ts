import path from "node:path";
import { loadYaml } from "../model/yaml.ts";
import type { EleventyConfig } from "@11ty/eleventy";
import { createMarkdown } from "../markdown/index.ts";
import { createLiquid, type JekyllLiquid } from "../jekyll/engine.ts";
import { tutorialFilters } from "../filters/tutorial.ts";
import { jekyllUrlOf, PAGE_EXTENSIONS } from "../model/collections.ts";
import { eleventyFrontMatter, eleventyKeysIn, FrontMatterHandover, readFrontMatterYaml } from "../model/front-matter.ts";
import { GitHistory } from "../frame/git-history.ts";
import { pageFrameFilters } from "../filters/frame.ts";
import { collectRedirects, SiteRedirects } from "../model/redirects.ts";
import { addSiteFiles, siteFileFilters } from "./site-files.ts";
import { readSiteSettings, siteRootOf, type SiteDirectories } from "../model/settings.ts";
import { contentFilesForBuild } from "../model/content-files.ts";
import { outputPathWithin } from "../model/urls.ts";

/** What a build's extra stages (the checks) hook into. */
export interface ConfiguredSite {
  liquid: JekyllLiquid;
  /** Front matter parsed before the build, for Eleventy to use instead of parsing it again. */
  frontMatter: FrontMatterHandover;
  /** The redirect pages and `_redirects` lines this build writes (the checks may leave some out). */
  redirects: SiteRedirects;
}

/** A page's Eleventy permalink (its output path) from its Jekyll `permalink`, or false for none. */
export function outputPermalink(permalink: unknown, inputPath: string, inputDir: string, baseurl: string): string | false {
  if (permalink === false) return false;
  // From the input folder, not Eleventy's filePathStem: that one is relative to the working
  // directory, which is not the site's root when a build is run on another folder (tests).
  const stem = "/" + path.relative(inputDir, path.resolve(inputPath)).split(path.sep).join("/").replace(/\.[^./]+$/, "");
  const source = path.relative(siteRootOf(inputDir), path.resolve(inputPath)).split(path.sep).join("/");
  return outputPathWithin(jekyllUrlOf(permalink, stem), baseurl, source);
}

/** Everything the site needs from Eleventy, wired once; each concern lives in its own module. */
export function configureSite(eleventyConfig: EleventyConfig, dirs: SiteDirectories): ConfiguredSite {
  // First: before anything reads a data file or a page (see source-files.ts).
  const contentFiles = contentFilesForBuild(eleventyConfig, dirs);
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
  const history = new GitHistory(dirs.root);
  const pageFiles = contentFiles.filter((file) => PAGE_EXTENSIONS.has(path.extname(file)));
  const redirects = new SiteRedirects(collectRedirects(pageFiles, dirs.input, dirs.root));
  const siteFiles = { baseurl: settings.baseurl, siteUrl: settings.url, redirects, history };
  const filters = { ...tutorialFilters, ...pageFrameFilters({ root: dirs.root, baseurl: settings.baseurl, history }), ...siteFileFilters(siteFiles) };
  for (const [name, filter] of Object.entries(filters)) liquid.registerFilter(name, filter);
  addSiteFiles(eleventyConfig, siteFiles);

  eleventyConfig.setLibrary("liquid", liquid);
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.addDataExtension("yml,yaml", (contents: string) => loadYaml(contents));
  const frontMatter = new FrontMatterHandover();
  // Eleventy passes its front matter engines the page's path (`filePath`).
  const parseYaml = (yaml: string, options?: { filePath?: unknown }) => {
    const data = frontMatter.take(options?.filePath, yaml) ?? readFrontMatterYaml(yaml);
    // The checks refuse such a page at its line; a build run without them stops here.
    const [reserved] = eleventyKeysIn(data);
    if (reserved) {
      const file = typeof options?.filePath === "string" ? path.relative(dirs.root, path.resolve(options.filePath)).split(path.sep).join("/") : "a page";
      throw new Error(`${file}: front matter sets "${reserved}", which is Eleventy's own; remove it`);
    }
    return eleventyFrontMatter(data);
  };
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseYaml } });
  eleventyConfig.on("eleventy.before", () => {
    liquid.startBuild();
    history.reset();
  });
  // Not a collection for templates: the hook through which `site.<collection>` reuses Eleventy's parse.
  eleventyConfig.addCollection("jekyllScopePages", async (api) => {
    await liquid.jekyllScope.useEleventyPages(api.getAll());
    return [];
  });

  // Authors write Jekyll permalinks (`/common/x`); the page is written to `<baseurl>/common/x.html`.
  eleventyConfig.addGlobalData("eleventyComputed", {
    permalink: (data: { permalink?: unknown; page: { inputPath: string } }) => outputPermalink(data.permalink, data.page.inputPath, dirs.input, settings.baseurl),
  });
  eleventyConfig.addPassthroughCopy({ [path.join(dirs.input, "assets")]: `${settings.baseurl}/assets` });
  eleventyConfig.setUseGitIgnore(false);
  // Jekyll has no per-page or per-folder data files; Eleventy's (`x.11tydata.js`, `common/common.json`)
  // would let a file in content/ (JavaScript, even) change any page's data past the checks.
  eleventyConfig.setDataFileSuffixes([]);

  // Set through the API, not a returned object, so that the programmatic API (tests) gets them too.
  const fromInput = (dir: string) => path.relative(dirs.input, dir) || ".";
  eleventyConfig.setInputDirectory(dirs.input);
  eleventyConfig.setIncludesDirectory(fromInput(dirs.includes));
  eleventyConfig.setLayoutsDirectory(fromInput(path.join(dirs.includes, "layouts")));
  eleventyConfig.setDataDirectory(fromInput(dirs.data));
  eleventyConfig.setOutputDirectory(dirs.output);
  eleventyConfig.setTemplateFormats(["md", "html", "liquid"]);
  return { liquid, frontMatter, redirects };
}
