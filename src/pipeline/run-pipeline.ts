import path from "node:path";
import { countBySeverity, type Finding, isFailing, sortFindings } from "../checks/finding.ts";
import { checkOutput } from "../checks/output/index.ts";
import { checkSource } from "../checks/source/index.ts";
import { siteFilters } from "../filters/index.ts";
import { GitHistory } from "../frame/git-history.ts";
import { JekyllLiquid } from "../jekyll/engine.ts";
import { TemplateErrorCollector } from "../jekyll/template-errors.ts";
import { createMarkdown } from "../markdown/index.ts";
import { destinationProblem, outputDirFor } from "../model/destination.ts";
import { modelForBuild } from "../model/drafts.ts";
import { listFiles } from "../model/files.ts";
import { hasMarkdownCopy } from "../model/machine-files.ts";
import { readSite } from "../model/read-site.ts";
import type { SiteModel, SourcePage } from "../model/site-model.ts";
import { siteDirectoriesFor } from "../model/theme.ts";
import { copyAssets } from "../publish/assets.ts";
import type { ImageStats } from "../publish/images.ts";
import { OutputFolder } from "../publish/output-folder.ts";
import { type PageListener, PageWriter } from "../publish/page-writer.ts";
import type { SearchIndexResult, SearchIndexSettings } from "../publish/search-index.ts";
import type { EleventyPlugin } from "../render/eleventy-config.ts";
import { MarkdownCopies } from "../render/markdown-copies.ts";
import { renderSite } from "../render/render-site.ts";
import { SassPages } from "../render/sass-pages.ts";

/**
 * The build, as one pipeline of stages over one model of the site:
 *
 *   read (src/model)  ->  source checks (src/checks/source)  ->  render (src/render: Eleventy,
 *   the Jekyll dialect of Liquid, markdown)  ->  output checks (src/checks/output)  ->  publish
 *   (src/publish: the build's folder, the search index, the swap into _site)
 *
 * `npm run build`, `npm run check`, `npm start` and the tests all run it. Each page is written,
 * summarised for the output checks and indexed for search as it is rendered (src/publish). The
 * published site is replaced only when no check found an error (or, `strict`, a warning), in
 * one step; otherwise it stays exactly as it was. Findings come back sorted by file and line.
 */

export interface PipelineOptions {
  root: string;
  /** Default: a Jekyll site's `destination:`, else `<root>/_site` (src/model/destination.ts). */
  outputDir?: string;
  /** Replace the published site when the checks pass (`npm run build`); default false. */
  publish?: boolean;
  /** Warnings fail too. */
  strict?: boolean;
  /** Build the search index (default: when publishing). */
  searchIndex?: boolean | SearchIndexSettings;
  /** More Eleventy plugins (Eleventy's own way to extend a build). */
  plugins?: readonly EleventyPlugin[];
  /**
   * Build drafts too (`published: false` pages: `build --drafts`, `start --drafts`), each marked
   * as a draft on its page; default false: drafts are not built, listed or linked.
   */
  drafts?: boolean;
  /** Called with each page as it is rendered, before it is written: this project's one hook. */
  onPage?: PageListener;
  /** Called as each stage starts, with what it knows by then (the CLI's progress line). */
  onStage?: StageListener;
}

/** The pipeline's stages, in order; each names its entry in `PipelineResult.timings`. */
export type PipelineStage = "read" | "source-checks" | "render" | "write" | "output-checks" | "publish";

/** `pages`: how many pages the run renders (0 until the source checks have chosen them). */
export type StageListener = (stage: PipelineStage, progress: { pages: number }) => void;

export interface RenderedSite {
  model: SiteModel;
  /** The pages it rendered (the source checks left the others out). */
  pages: readonly SourcePage[];
  engine: JekyllLiquid;
  templateErrors: TemplateErrorCollector;
}

export interface PipelineResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Whether the output folder was replaced by this run's build. */
  published: boolean;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** What the run rendered, and with what, when it rendered (npm start's fast path reuses it). */
  rendered?: RenderedSite;
  searchIndex?: SearchIndexResult;
  /** How many site images the build served, and how many it had to encode (the others came from `.cache/images/`). */
  images?: ImageStats;
}

function timer() {
  const timings: Record<string, number> = {};
  let last = performance.now();
  return {
    timings,
    /** Ends the stage named `name` (its time runs from the end of the stage before). */
    lap(name: string): void {
      const now = performance.now();
      timings[name] = Math.round(now - last);
      last = now;
    },
  };
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const clock = timer();
  const stage = (name: PipelineStage, pages = 0) => options.onStage?.(name, { pages });
  stage("read");
  const outputDir = outputDirFor(options.root, options.outputDir);
  const destinationRefused = destinationProblem(options.root, outputDir);
  if (destinationRefused) throw new Error(destinationRefused);
  const dirs = siteDirectoriesFor(options.root, outputDir);
  // git runs beside the reading and the source checks; the render needs its dates.
  const reading = GitHistory.read(dirs.root);
  const { model, drafts } = modelForBuild(readSite(options.root, dirs), options.drafts ?? false);
  clock.lap("read");
  stage("source-checks");
  const source = checkSource(model);
  const findings = [...source.findings];
  clock.lap("source-checks");
  const result = (published: boolean, extra: Partial<PipelineResult> = {}): PipelineResult => {
    const sorted = sortFindings(findings);
    return { findings: sorted, ...countBySeverity(sorted), published, timings: clock.timings, ...extra };
  };
  if (!source.renderable) return result(false);

  // Documents of a Jekyll collection without `output` are listed, never written (drafts: modelForBuild).
  const pagesToBuild = source.pages.filter((page) => page.output !== false);
  const builtFiles = new Set(pagesToBuild.map((page) => page.file));
  const redirects = source.redirects.filter((redirect) => builtFiles.has(redirect.source));
  const publish = options.publish ?? false;
  const searchIndex = options.searchIndex ?? publish;
  const output = new OutputFolder(dirs.output, model.settings.keepFiles);
  const build = await output.newBuild();
  let published = false;
  try {
    const history = await reading;
    const jekyll = model.kind === "jekyll";
    const markdown = createMarkdown({ ...model.settings.kramdown, blockTagsInText: jekyll ? "text" : "html", markup: jekyll ? "kramdown" : "theme" });
    const templateErrors = new TemplateErrorCollector();
    // Sets, not lists: at N=4000 a lookup per page in a list of 8,000 pages is 64 million comparisons.
    const modelPages = new Set(model.pages);
    const rendering = new Set(source.pages);
    const copies = new MarkdownCopies(
      new Map(
        pagesToBuild
          // A page rendered for checking only (a copy of the model's page: render-plan.ts) gets none.
          .filter((page) => modelPages.has(page) && hasMarkdownCopy(page.data, page.url))
          .map((page) => [page.absolutePath, typeof page.data!.title === "string" ? page.data!.title : ""]),
      ),
    );
    const work = {
      summarize: true,
      images: {
        root: dirs.root,
        assets: Object.fromEntries(
          model.assets.filter((asset) => asset.output.startsWith("assets/")).map((asset) => [asset.output.slice("assets/".length), asset.source]),
        ),
        baseurl: model.settings.baseurl,
        buildDir: build,
        cacheDir: path.join(dirs.root, ".cache", "images"),
      },
      searchIndex: searchIndex
        ? { ...(typeof searchIndex === "object" ? searchIndex : {}), siteDir: build, bundleDir: path.join(build, model.settings.baseurl, "pagefind") }
        : undefined,
    };
    const writer = new PageWriter(build, work, pagesToBuild.length, options.onPage ? [options.onPage] : []);
    const engine = new JekyllLiquid({
      model,
      filters: siteFilters({ root: dirs.root, settings: model.settings, markdown, history, copies, jekyll }),
      errors: templateErrors,
      pageGate: (page) => writer.turn(typeof page.url === "string" ? page.url : ""),
      // The site's own Jekyll settings (`liquid: strict_variables / strict_filters`): Jekyll's
      // defaults render undefined names and unknown filters as nothing, reported as warnings.
      undefinedVariables: model.settings.liquid.strictVariables ? "error" : "warning",
      undefinedFilters: model.settings.liquid.strictFilters ? "error" : "warning",
      unknownTags: model.unknownPlugins.length > 0 || (model.rubyPlugins?.length ?? 0) > 0 ? "warning" : "error",
      errorMode: model.settings.liquid.errorMode,
    });
    const sass = model.sass ? new SassPages(model, model.sass) : undefined;
    let written: Awaited<ReturnType<PageWriter["finish"]>>;
    stage("render", source.pages.length);
    try {
      const builtDrafts = new Set(options.drafts ? drafts.map((page) => page.absolutePath) : []);
      await renderSite(
        {
          model,
          pages: pagesToBuild,
          redirects,
          engine,
          markdown,
          history,
          output: writer,
          copies,
          plugins: options.plugins,
          drafts: builtDrafts,
          sass,
        },
        build,
      );
      findings.push(...(sass?.findings ?? []));
      // Before the writer finishes: the search index takes in copied HTML files too.
      await copyAssets(model, build);
      clock.lap("render");
      stage("write", source.pages.length);
      written = await writer.finish();
    } catch (error) {
      await writer.abandon();
      // Eleventy reports a page that could not be handed over; what stopped the writer says why.
      throw writer.failed ?? error;
    }
    clock.lap("write");
    stage("output-checks", source.pages.length);
    findings.push(
      ...checkOutput(model, {
        pages: written.summaries,
        files: new Set(await listFiles(build)),
        templateErrors: templateErrors.records,
        filterNames: Object.keys(engine.filters),
        skippedPages: model.pages.filter((page) => !rendering.has(page)),
        drafts: options.drafts ? [] : drafts,
        unreadableImages: written.images?.unreadable,
      }),
    );
    clock.lap("output-checks");
    if (publish && !isFailing(findings, options.strict)) {
      stage("publish", source.pages.length);
      await output.publish(build);
      published = true;
      clock.lap("publish");
    }
    return result(published, { rendered: { model, pages: pagesToBuild, engine, templateErrors }, searchIndex: written.searchIndex, images: written.images });
  } finally {
    if (!published) await output.discard(build);
  }
}
