import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { BuildingSite } from "../build/eleventy.ts";
import { summarizePage, SummaryStrings, type OutputPage } from "./output-pages.ts";
import type { PageSource } from "./site-source.ts";
import { installTemplateErrorCollector, TemplateErrorCollector } from "./template-errors.ts";

/**
 * What a checked build takes from its Eleventy run: every Liquid error (recorded, not fatal),
 * a summary of every page as it is written (one parse each, from memory: no file is read
 * back), and the names of the filters (for "did you mean" suggestions).
 */
export class BuildObserver {
  readonly templateErrors = new TemplateErrorCollector();
  readonly outputPages: OutputPage[] = [];
  /** The links and ids the page summaries of this build share. */
  private readonly summaryStrings = new SummaryStrings();
  filterNames: string[] = [];

  constructor(private readonly skippedPages: PageSource[]) {}

  /** The build's `configure` hook (see ConfigureBuild). */
  readonly configure = (eleventyConfig: EleventyConfig, site: BuildingSite): void => {
    // The findings are the report: Eleventy's own lines ("Wrote 32 files") would only get in the
    // way of them (and of --format json on stdout). A crash still surfaces as a thrown error.
    (eleventyConfig.logger as { overrideLogger?(logger: false): void } | undefined)?.overrideLogger?.(false);
    // Pages the source checks found unrenderable are left out (Eleventy wants them as globs
    // relative to the working directory).
    for (const page of this.skippedPages) eleventyConfig.ignores.add(path.relative(process.cwd(), page.absolutePath));
    installTemplateErrorCollector(site.liquid, this.templateErrors);
    this.filterNames = Object.keys(site.liquid.filters);
    site.pages.onPage((page) => {
      if (page.outputPath.endsWith(".html")) this.outputPages.push(summarizePage(page.content, page.inputPath, page.url, this.summaryStrings));
    });
  };
}
