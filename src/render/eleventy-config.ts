import type { EleventyConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import type { GitHistory } from "../frame/git-history.ts";
import { llmsTxt } from "../frame/llms-txt.ts";
import type { JekyllLiquid } from "../jekyll/engine.ts";
import { ownMachineFiles } from "../model/machine-files.ts";
import type { Redirect } from "../model/redirects.ts";
import type { SiteModel, SourcePage } from "../model/site-model.ts";
import { draftMarks } from "./draft-marks.ts";
import { quietTransformWarnings } from "./eleventy-internals.ts";
import { jekyllFeedFile } from "./feed-file.ts";
import type { MarkdownCopies } from "./markdown-copies.ts";
import { modelDirectories, modelTemplates } from "./model-templates.ts";
import { type PageOutput, pageOutputPlugin } from "./page-output.ts";
import type { SassPages } from "./sass-pages.ts";
import { siteFiles } from "./site-files.ts";
import { templateEngines } from "./template-engines.ts";

/** An Eleventy plugin: a function of Eleventy's configuration (and its options). */
export type EleventyPlugin = (eleventyConfig: EleventyConfig) => void;

/** What one build renders, and with what. */
export interface RenderSettings {
  model: SiteModel;
  /** The pages and redirects the source checks let through. */
  pages: readonly SourcePage[];
  redirects: readonly Redirect[];
  engine: JekyllLiquid;
  markdown: MarkdownIt;
  history: GitHistory;
  output: PageOutput;
  /** The pages' Markdown copies, handed over with each page (none: no copies are written). */
  copies?: MarkdownCopies;
  /** The drafts this build includes (absolute file paths): each is marked as a draft on its page. */
  drafts?: ReadonlySet<string>;
  /** A Jekyll site's `.scss`/`.sass` pages, compiled to CSS as they are rendered. */
  sass?: SassPages;
  /** More Eleventy plugins, added before the page output's (which must come last). */
  plugins?: readonly EleventyPlugin[];
}

/** Eleventy's configuration for one build: only wiring, each concern a plugin of its own. */
export function eleventyConfigFor(settings: RenderSettings) {
  return (eleventyConfig: EleventyConfig): void => {
    quietTransformWarnings(eleventyConfig);
    modelDirectories(eleventyConfig, settings.model);
    eleventyConfig.addPlugin(templateEngines, { engine: settings.engine, markdown: settings.markdown, copies: settings.copies });
    eleventyConfig.addPlugin(modelTemplates, { model: settings.model, pages: settings.pages });
    eleventyConfig.addPlugin(siteFiles, {
      settings: settings.model.settings,
      pages: settings.pages,
      redirects: settings.redirects,
      history: settings.history,
      llmsTxt: llmsTxt(settings.model, settings.pages),
      own: ownMachineFiles(settings.model),
    });
    if (settings.sass) eleventyConfig.addPlugin(settings.sass.plugin);
    eleventyConfig.addPlugin(jekyllFeedFile, { model: settings.model });
    eleventyConfig.addPlugin(draftMarks, { root: settings.model.root, drafts: settings.drafts ?? new Set() });
    for (const plugin of settings.plugins ?? []) eleventyConfig.addPlugin(plugin);
    eleventyConfig.addPlugin(pageOutputPlugin, { output: settings.output, copies: settings.copies });
  };
}
