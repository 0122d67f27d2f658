import path from "node:path";
import { runEleventy, type ConfigureBuild } from "../render/run-eleventy.ts";
import { OutputFolder } from "../publish/output-folder.ts";
import type { SearchIndexResult, SearchIndexSettings } from "../publish/search-index.ts";

/**
 * A post-build stage (checks, search index, ...): runs on the staged output before it replaces
 * the published one. A stage that throws fails the build and leaves the published site alone.
 */
export interface BuildStage {
  name: string;
  run(context: BuildContext): Promise<void>;
}

export interface BuildContext {
  root: string;
  /** Where this build's output is staged; `outputDir` links to it only if every stage passes. */
  stagingDir: string;
  outputDir: string;
}

export interface BuildResult {
  outputDir: string;
  /**
   * Milliseconds per stage, `eleventy` first (with, when the search index is built, the part of
   * it spent waiting for the index as `search-index`).
   */
  timings: Record<string, number>;
  searchIndex?: SearchIndexResult;
}

export interface BuildOptions {
  root: string;
  /** Default `<root>/_site`. */
  outputDir?: string;
  stages?: BuildStage[];
  /** Extra Eleventy wiring for this build (see ConfigureBuild). */
  configure?: ConfigureBuild;
  /** false: build and run the stages, then throw the result away (a check run). Default true. */
  publish?: boolean;
  /** Build the search index (while the pages are written, see search-index.ts). */
  searchIndex?: boolean | SearchIndexSettings;
}

async function timed(timings: Record<string, number>, name: string, work: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await work();
  timings[name] = Math.round(performance.now() - start);
}

/**
 * Builds into a folder of its own beside the output, runs the stages, then publishes it: the
 * output (`_site`) is a link to the published build, replaced in one step (see output-folder.ts).
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outputDir = path.resolve(options.root, options.outputDir ?? "_site");
  const output = new OutputFolder(outputDir);
  const stagingDir = await output.newBuild();
  const context: BuildContext = { root: options.root, stagingDir, outputDir };
  const timings: Record<string, number> = {};
  let searchIndex: SearchIndexResult | undefined;
  let published = false;
  try {
    const start = performance.now();
    const run = await runEleventy(options.root, stagingDir, { configure: options.configure, searchIndex: options.searchIndex });
    // Pagefind indexes while the pages render: its stage is the wait for it once they are all written.
    timings.eleventy = Math.round(performance.now() - start - (run.searchIndex?.finishMs ?? 0));
    if (run.searchIndex) timings["search-index"] = run.searchIndex.finishMs;
    searchIndex = run.searchIndex;
    for (const stage of options.stages ?? []) await timed(timings, stage.name, () => stage.run(context));
    if (options.publish !== false) {
      await output.publish(stagingDir);
      published = true;
    }
  } finally {
    if (!published) await output.discard(stagingDir);
  }
  return { outputDir, timings, searchIndex };
}
