import path from "node:path";
import { Eleventy, type EleventyConfig } from "@11ty/eleventy";
import { configureSite, type ConfiguredSite } from "./eleventy-config.ts";
import { readSiteSettings, siteDirectories } from "../model/settings.ts";
import { forgetEleventyCaches } from "./eleventy-internals.ts";
import type { ProcessorResult } from "../publish/page-sink.ts";
import { copyPassthrough, PageWriter } from "../publish/page-writer.ts";
import type { SearchIndexOptions, SearchIndexResult, SearchIndexSettings } from "../publish/search-index.ts";

/** What a build's extra wiring gets: the configured site, and each page as it is written. */
export interface BuildingSite extends ConfiguredSite {
  pages: PageWriter;
}

/** Extra wiring for one build (the checks collect errors and page summaries through it). */
export type ConfigureBuild = (eleventyConfig: EleventyConfig, site: BuildingSite) => void;

export interface EleventyRunOptions {
  configure?: ConfigureBuild;
  /** Index the pages for search as they are written (Pagefind, `<baseurl>/pagefind/`). */
  searchIndex?: boolean | SearchIndexSettings;
}

export interface EleventyRun {
  /** The search index's figures, when it was built. */
  searchIndex?: SearchIndexResult;
}

/** Runs Eleventy once over the site at `root`, writing into `outputDir`. */
export async function runEleventy(root: string, outputDir: string, options: EleventyRunOptions = {}): Promise<EleventyRun> {
  const dirs = siteDirectories(root, outputDir);
  forgetEleventyCaches();
  const pages = new PageWriter(dirs.output);
  // From here on the writer's thread runs: any failure must stop it, or the process stays up.
  let searchIndex: ProcessorResult<SearchIndexResult> | undefined;
  try {
    if (options.searchIndex) {
      const bundleDir = path.join(dirs.output, readSiteSettings(dirs.data).baseurl, "pagefind");
      const settings = typeof options.searchIndex === "object" ? options.searchIndex : {};
      const processor: SearchIndexOptions = { ...settings, siteDir: dirs.output, bundleDir };
      searchIndex = pages.process<SearchIndexResult>(new URL("../publish/search-index.ts", import.meta.url), processor);
    }
    let config: EleventyConfig | undefined;
    const eleventy = new Eleventy(dirs.input, dirs.output, {
      quietMode: true,
      // The site is configured in code (the same function .eleventy.ts calls), not from a file.
      configPath: false as unknown as string,
      config: (eleventyConfig) => {
        config = eleventyConfig;
        const site = configureSite(eleventyConfig, dirs);
        site.liquid.pageGate = (page) => pages.turn(page);
        options.configure?.(eleventyConfig, { ...site, pages });
        pages.install(eleventyConfig);
      },
    });
    // Eleventy's own log would print a stack trace for an author's mistake; the CLI reports
    // failures itself (src/cli/report.ts), so Eleventy stays silent.
    eleventy.logger.overrideLogger(false);
    // Pages are written by the PageWriter as they are rendered; Eleventy only renders.
    eleventy.setDryRun(true);
    await eleventy.write();
    // Before the writer finishes: the search index takes in copied HTML files too.
    await copyPassthrough(config!, dirs.output, dirs.root);
  } catch (error) {
    await pages.abandon();
    // Eleventy reports a page that could not be handed over; what stopped the writer says why.
    throw pages.failed ?? error;
  }
  await pages.finish();
  return { searchIndex: searchIndex?.value };
}
