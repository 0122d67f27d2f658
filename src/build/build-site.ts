import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { runEleventy, type ConfigureBuild } from "./eleventy.ts";
import type { SearchIndexResult, SearchIndexSettings } from "./search-index.ts";

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
  /** Where this build's output is staged; it becomes `outputDir` only if every stage passes. */
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

/** Builds into a staging folder beside the output, runs the stages, then swaps it into place. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outputDir = path.resolve(options.root, options.outputDir ?? "_site");
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const stagingDir = `${outputDir}.staging-${suffix}`;
  const context: BuildContext = { root: options.root, stagingDir, outputDir };
  const timings: Record<string, number> = {};
  let searchIndex: SearchIndexResult | undefined;
  try {
    const start = performance.now();
    const run = await runEleventy(options.root, stagingDir, { configure: options.configure, searchIndex: options.searchIndex });
    // Pagefind indexes while the pages render: its stage is the wait for it once they are all written.
    timings.eleventy = Math.round(performance.now() - start - (run.searchIndex?.finishMs ?? 0));
    if (run.searchIndex) timings["search-index"] = run.searchIndex.finishMs;
    searchIndex = run.searchIndex;
    for (const stage of options.stages ?? []) await timed(timings, stage.name, () => stage.run(context));
    if (options.publish !== false) await swapInto(stagingDir, outputDir, `${outputDir}.previous-${suffix}`);
  } finally {
    await removeStaging(stagingDir);
  }
  return { outputDir, timings, searchIndex };
}

/**
 * A failed Eleventy run can still have writes in flight when its error arrives, so removing the
 * staging folder retries, and a failure to remove it never hides the build's own error.
 */
async function removeStaging(stagingDir: string): Promise<void> {
  try {
    await rm(stagingDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  } catch (error) {
    console.error(`warning: could not remove ${stagingDir}: ${(error as Error).message}`);
  }
}

/** Two renames: the published folder is never half-written. */
async function swapInto(stagingDir: string, outputDir: string, previousDir: string): Promise<void> {
  let hadPrevious = true;
  try {
    await rename(outputDir, previousDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadPrevious = false;
  }
  await rename(stagingDir, outputDir);
  if (hadPrevious) await rm(previousDir, { recursive: true, force: true });
}
