import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { BuildingSite } from "../render/run-eleventy.ts";
import type { ProcessorResult } from "../publish/page-sink.ts";
import type { OutputPage } from "../checks/output/page-summary.ts";
import type { PageSource } from "../model/read-site.ts";
import { installTemplateErrorCollector, TemplateErrorCollector } from "../jekyll/template-errors.ts";

/**
 * What a checked build takes from its Eleventy run: every Liquid error (recorded, not fatal),
 * a summary of every page as it is written (one parse each, on the page writer's thread, from
 * memory: no file is read back), and the names of the filters (for "did you mean" suggestions).
 */
export class BuildObserver {
  readonly templateErrors = new TemplateErrorCollector();
  private summaries: ProcessorResult<OutputPage[]> | undefined;
  filterNames: string[] = [];

  constructor(
    private readonly pages: PageSource[],
    private readonly skippedPages: PageSource[],
  ) {}

  /** The build's `configure` hook (see ConfigureBuild). */
  readonly configure = (eleventyConfig: EleventyConfig, site: BuildingSite): void => {
    // The findings are the report: Eleventy's own lines ("Wrote 32 files") would only get in the
    // way of them (and of --format json on stdout). A crash still surfaces as a thrown error.
    (eleventyConfig.logger as { overrideLogger?(logger: false): void } | undefined)?.overrideLogger?.(false);
    // Pages the source checks found unrenderable are left out (Eleventy wants them as globs
    // relative to the working directory).
    for (const page of this.skippedPages) eleventyConfig.ignores.add(path.relative(process.cwd(), page.absolutePath));
    // The source checks have parsed every page's front matter already: Eleventy takes it from them.
    // (The checks do not read `data` after the build, which Eleventy may add to.)
    for (const page of this.pages) if (page.data && page.eleventyYaml !== undefined) site.frontMatter.offer(page.absolutePath, page.eleventyYaml, page.data);
    installTemplateErrorCollector(site.liquid, this.templateErrors);
    this.filterNames = Object.keys(site.liquid.filters);
    this.summaries = site.pages.process<OutputPage[]>(new URL("../checks/output/page-summaries.ts", import.meta.url));
  };

  /** The summaries of the pages built, in the order they were written (once Eleventy is done). */
  get outputPages(): OutputPage[] {
    return this.summaries?.value ?? [];
  }
}
