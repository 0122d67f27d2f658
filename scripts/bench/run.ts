// `npm run bench`: cold builds of synthetic tutorial corpora with this generator against stock
// Eleventy on plain markdown (the floor), peak memory, post-build stage times, and the
// incremental rebuild of one edited tutorial in a watch process. See README, "Benchmarks".
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { OutputFolder } from "../../src/publish/output-folder.ts";
import { writePlainCorpus, writeTutorialCorpus, type TutorialCorpusOptions } from "./corpus.ts";
import { measurePlainIncremental, measureTutorialIncremental, type IncrementalResult } from "./incremental.ts";
import { runNode, type ProcessRun } from "./measure.ts";
import { checkTargets, formatReport, type BenchReport, type ResultRow } from "./report.ts";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX_LOADER = import.meta.resolve("tsx");
const ELEVENTY_CLI = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,4000" },
    runs: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
    keep: { type: "string" },
    seed: { type: "string", default: "1" },
    listed: { type: "string", default: "40" },
    "incremental-size": { type: "string", default: "1000" },
    "incremental-runs": { type: "string", default: "5" },
  },
});

const sizes = options.sizes.split(",").map((size) => Number(size.trim()));
const runs = Number(options.runs);
const seed = Number(options.seed);
const listed = options.listed === "all" ? "all" : Number(options.listed);
const incrementalSize = Number(options["incremental-size"]);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1) || !Number.isInteger(seed) || Number.isNaN(listed)) {
  console.error("usage: npm run bench -- [--sizes 100,1000,4000] [--runs 3] [--json] [--keep DIR] [--seed 1] [--listed 40|all] [--incremental-size 1000|0] [--incremental-runs 5]");
  process.exit(2);
}

const progress = (message: string) => console.error(`[bench] ${message}`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

async function countHtml(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".html")).length;
}

/** `Built <dir> in N ms (eleventy N ms, checks N ms)` (a line on stderr) -> { eleventy: N, checks: N }. */
function stageTimings(stderr: string): Record<string, number> {
  const line = stderr.split("\n").filter((text) => text.startsWith("Built ")).pop();
  const list = line?.match(/\(([^)]*)\)\s*$/)?.[1] ?? "";
  const timings: Record<string, number> = {};
  for (const match of list.matchAll(/([^,]+?) (\d+(?:\.\d+)?) ms/g)) timings[match[1]!.trim()] = Number(match[2]);
  return timings;
}

/** The build's output: the `_site` link and the folder of builds it points into (a cold build finds neither). */
async function removeOutput(outputDir: string): Promise<void> {
  await rm(outputDir, { recursive: true, force: true });
  await rm(new OutputFolder(outputDir).buildsDir, { recursive: true, force: true });
}

function row(n: number, kind: string, pages: number, measured: ProcessRun[]): ResultRow {
  const walls = measured.map((run) => run.wallMs);
  return {
    n,
    kind,
    pages,
    wall_ms_median: round(median(walls)),
    wall_ms_min: round(Math.min(...walls)),
    wall_ms_max: round(Math.max(...walls)),
    per_page_ms: round(median(walls) / n, 3),
    cpu_ms_median: round(median(measured.map((run) => run.cpuMs))),
    peak_rss_mb: round(Math.max(...measured.map((run) => run.peakRssMb)), 1),
    tree_peak_rss_mb: round(Math.max(...measured.map((run) => run.treePeakRssMb)), 1),
    node_peak_rss_mb: round(Math.max(...measured.map((run) => run.nodePeakRssMb)), 1),
  };
}

const workRoot = options.keep ? path.resolve(options.keep) : await mkdtemp(path.join(os.tmpdir(), "stitch-bench-"));
await mkdir(workRoot, { recursive: true });
const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.availableParallelism(),
  memory_gb: round(os.totalmem() / 2 ** 30, 1),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  load_average_at_start: os.loadavg().map((load) => round(load, 2)),
};

const results: ResultRow[] = [];
const stages: Record<string, Record<string, number>> = {};
let incremental: IncrementalResult | undefined;
let incrementalFloor: IncrementalResult | undefined;
try {
  for (const n of sizes) {
    const corpus: TutorialCorpusOptions = { n, seed, listed };
    const tutorialRoot = path.join(workRoot, `tutorials-${n}`);
    const plainRoot = path.join(workRoot, `plain-${n}`);
    progress(`N=${n}: writing corpora in ${workRoot}`);
    await rm(tutorialRoot, { recursive: true, force: true });
    await rm(plainRoot, { recursive: true, force: true });
    await writeTutorialCorpus(PROJECT_ROOT, tutorialRoot, corpus);
    await writePlainCorpus(plainRoot, { n, seed });

    const tutorialRuns: ProcessRun[] = [];
    const checkRuns: ProcessRun[] = [];
    const floorRuns: ProcessRun[] = [];
    // Interleaved, so that a change in the machine's load affects every kind alike.
    for (let run = 1; run <= runs; run++) {
      await removeOutput(path.join(tutorialRoot, "_site"));
      tutorialRuns.push(await runNode(["--import", TSX_LOADER, path.join(PROJECT_ROOT, "src/cli/build.ts")], tutorialRoot));
      // `npm run check`: the same build and checks, without the search index (and nothing published).
      checkRuns.push(await runNode(["--import", TSX_LOADER, path.join(PROJECT_ROOT, "src/cli/check.ts")], tutorialRoot));
      await rm(path.join(plainRoot, "_site"), { recursive: true, force: true });
      floorRuns.push(await runNode([ELEVENTY_CLI, "--input=.", "--output=_site", "--quiet"], plainRoot));
      const ms = (measured: ProcessRun[]) => round(measured.at(-1)!.wallMs);
      progress(`N=${n} run ${run}/${runs}: tutorial ${ms(tutorialRuns)} ms, without search ${ms(checkRuns)} ms, floor ${ms(floorRuns)} ms`);
    }
    const tutorialPages = await countHtml(path.join(tutorialRoot, "_site"));
    results.push(row(n, "tutorial", tutorialPages, tutorialRuns));
    results.push(row(n, "tutorial-no-search", tutorialPages, checkRuns));
    results.push(row(n, "eleventy-floor", await countHtml(path.join(plainRoot, "_site")), floorRuns));

    const perStage: Record<string, number[]> = {};
    for (const run of tutorialRuns) {
      for (const [name, ms] of Object.entries(stageTimings(run.stderr))) (perStage[name] ??= []).push(ms);
    }
    stages[String(n)] = Object.fromEntries(Object.entries(perStage).map(([name, values]) => [name, round(median(values))]));
    if (!options.keep && n !== incrementalSize) {
      await rm(plainRoot, { recursive: true, force: true });
      await rm(tutorialRoot, { recursive: true, force: true });
    }
  }

  if (incrementalSize > 0) {
    const n = incrementalSize;
    const corpus: TutorialCorpusOptions = { n, seed, listed };
    const tutorialRoot = path.join(workRoot, `tutorials-${n}`);
    const plainRoot = path.join(workRoot, `plain-${n}`);
    if (!sizes.includes(n)) {
      progress(`N=${n}: writing the corpora for the incremental rebuild`);
      await rm(tutorialRoot, { recursive: true, force: true });
      await rm(plainRoot, { recursive: true, force: true });
      await writeTutorialCorpus(PROJECT_ROOT, tutorialRoot, corpus);
      await writePlainCorpus(plainRoot, { n, seed });
    }
    const incrementalRuns = Number(options["incremental-runs"]);
    progress(`N=${n}: incremental rebuild of one tutorial under npm start`);
    incremental = await measureTutorialIncremental(PROJECT_ROOT, tutorialRoot, corpus, incrementalRuns, TSX_LOADER);
    progress(`N=${n}: incremental rebuild of one plain page, stock Eleventy`);
    incrementalFloor = await measurePlainIncremental(PROJECT_ROOT, plainRoot, n, seed, incrementalRuns);
  }
} finally {
  if (!options.keep) await rm(workRoot, { recursive: true, force: true });
}

const report: BenchReport = {
  machine,
  corpus: { seed, listed_collection_pages: listed, runs },
  results,
  incremental_ms: incremental ? round(incremental.medianMs) : null,
  incremental_n: incremental ? incrementalSize : null,
  incremental_samples_ms: incremental?.samplesMs.map((ms) => round(ms)) ?? [],
  incremental_floor_ms: incrementalFloor ? round(incrementalFloor.medianMs) : null,
  incremental_floor_samples_ms: incrementalFloor?.samplesMs.map((ms) => round(ms)) ?? [],
  stages,
  targets: checkTargets(results, incremental && { n: incrementalSize, ms: incremental.medianMs }),
};
console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
