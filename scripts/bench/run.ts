// `npm run bench`: cold builds of this repository's own site and of synthetic tutorial corpora
// with this generator (npm run build, npm run check) against stock Eleventy on as many plain
// pages (the floor), interleaved; memory, stage times, and the incremental rebuild of one edited
// tutorial under npm start; Jekyll 4.3 against this generator on a Jekyll site tree (jekyll-site.ts,
// at a smaller scale than its own default). The issue's targets are checked at the end. See
// README, "Benchmarks".
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eleventyCommand, generatorCommand, generatorDescription, PROJECT_ROOT } from "./commands.ts";
import { countPageFiles, type TutorialCorpusOptions, writeOwnSite, writeTutorialCorpus } from "./corpus.ts";
import { type IncrementalResult, measurePlainIncremental, measureTutorialIncremental } from "./incremental.ts";
import { type ProcessRun, runNode } from "./measure.ts";
import { writePlainCorpus } from "./plain-corpus.ts";
import { type BenchReport, checkTargets, formatReport, type JekyllSiteResult, overFloor, type ResultRow, type RowKind } from "./report.ts";

const USAGE =
  "usage: npm run bench -- [--sizes 100,1000,4000] [--runs 3] [--site-runs 5] [--n-floor] [--json] [--keep DIR] [--seed 1] [--listed 40|all] [--incremental-size 1000|0] [--incremental-runs 5] [--jekyll-site 300,30|0] [--jekyll-runs 3]";

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,4000" },
    runs: { type: "string", default: "3" },
    "site-runs": { type: "string", default: "5" },
    "n-floor": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    keep: { type: "string" },
    seed: { type: "string", default: "1" },
    listed: { type: "string", default: "40" },
    "incremental-size": { type: "string", default: "1000" },
    "incremental-runs": { type: "string", default: "5" },
    "jekyll-site": { type: "string", default: "300,30" },
    "jekyll-runs": { type: "string", default: "3" },
  },
});

const sizes = options.sizes === "" ? [] : options.sizes.split(",").map((size) => Number(size.trim()));
const runs = Number(options.runs);
const siteRuns = Number(options["site-runs"]);
const seed = Number(options.seed);
const listed = options.listed === "all" ? "all" : Number(options.listed);
const incrementalSize = Number(options["incremental-size"]);
const incrementalRuns = Number(options["incremental-runs"]);
const [jekyllIntegrations = 0, jekyllTutorials = 0] = options["jekyll-site"].split(",").map((count) => Number(count.trim()));
const jekyllRuns = Number(options["jekyll-runs"]);
const counts = [runs, siteRuns, incrementalSize, incrementalRuns, jekyllIntegrations, jekyllTutorials, jekyllRuns];
if (
  sizes.some((n) => !Number.isInteger(n) || n < 1) ||
  !(runs >= 1) ||
  counts.some((count) => !Number.isInteger(count) || count < 0) ||
  !Number.isInteger(seed) ||
  Number.isNaN(listed)
) {
  console.error(USAGE);
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
  const line = stderr
    .split("\n")
    .filter((text) => text.startsWith("Built "))
    .pop();
  const list = line?.match(/\(([^)]*)\)\s*$/)?.[1] ?? "";
  const timings: Record<string, number> = {};
  for (const match of list.matchAll(/([^,]+?) (\d+(?:\.\d+)?) ms/g)) timings[match[1]!.trim()] = Number(match[2]);
  return timings;
}

/**
 * Empties a site's folder of what a build left: `_site` and whatever the generator keeps beside
 * it under a name that starts with `._site` (today the folder of builds `_site` links into), so
 * that every build is cold.
 */
async function removeOutput(siteRoot: string): Promise<void> {
  for (const name of await readdir(siteRoot)) {
    if (name === "_site" || name.startsWith("._site")) await rm(path.join(siteRoot, name), { recursive: true, force: true });
  }
}

function row(corpus: string, n: number, kind: RowKind, pages: { source: number; html: number }, measured: ProcessRun[]): Omit<ResultRow, "x_floor"> {
  const walls = measured.map((run) => run.wallMs);
  const indexer = measured.map((run) => run.indexerPeakRssMb).filter((mb) => mb !== null);
  return {
    corpus,
    n,
    kind,
    source_pages: pages.source,
    html_pages: pages.html,
    wall_ms_median: round(median(walls)),
    wall_ms_min: round(Math.min(...walls)),
    wall_ms_max: round(Math.max(...walls)),
    per_page_ms: round(median(walls) / pages.source, 3),
    cpu_ms_median: round(median(measured.map((run) => run.cpuMs))),
    node_peak_rss_mb: round(Math.max(...measured.map((run) => run.nodePeakRssMb)), 1),
    indexer_peak_rss_mb: indexer.length > 0 ? round(Math.max(...indexer), 1) : null,
    tree_peak_rss_mb: round(Math.max(...measured.map((run) => run.treePeakRssMb)), 1),
  };
}

const workRoot = options.keep ? path.resolve(options.keep) : await mkdtemp(path.join(os.tmpdir(), "stitch-bench-"));
await mkdir(workRoot, { recursive: true });
const loadAverage = () => os.loadavg().map((load) => round(load, 2));
const loadAtStart = loadAverage();

const results: ResultRow[] = [];
const stages: Record<string, Record<string, number>> = {};
const siteRoot = (n: number) => path.join(workRoot, n === 0 ? "own-site" : `tutorials-${n}`);
const floorRoot = (n: number) => path.join(workRoot, n === 0 ? "floor-own-site" : `floor-${n}`);

/** Writes the generator's corpus for `n` (0: the own site) and its floor: as many plain pages as it has page files. */
async function writeCorpora(n: number, corpus: TutorialCorpusOptions): Promise<number> {
  progress(`${n === 0 ? "own site" : `N=${n}`}: writing corpora in ${workRoot}`);
  for (const root of [siteRoot(n), floorRoot(n)]) await rm(root, { recursive: true, force: true });
  if (n === 0) await writeOwnSite(PROJECT_ROOT, siteRoot(n));
  else await writeTutorialCorpus(PROJECT_ROOT, siteRoot(n), corpus);
  const pages = await countPageFiles(siteRoot(n));
  await writePlainCorpus(floorRoot(n), { pages, seed, frame: "site" });
  return pages;
}

/** Cold builds of one corpus, each kind in turn `runCount` times, and their rows. */
async function measureCorpus(n: number, runCount: number): Promise<void> {
  const label = n === 0 ? "own site" : `N=${n}`;
  const pages = await writeCorpora(n, { n, seed, listed });
  const bareRoot = path.join(workRoot, `floor-bare-${n}`);
  const withBareFloor = options["n-floor"] && n > 0;
  if (withBareFloor) await writePlainCorpus(bareRoot, { pages: n, seed, frame: "bare" });

  const measured: Record<RowKind, ProcessRun[]> = { build: [], check: [], floor: [], "floor-n": [] };
  // Interleaved, so that a change in the machine's load affects every kind alike.
  for (let run = 1; run <= runCount; run++) {
    await removeOutput(siteRoot(n));
    measured.build.push(await runNode(generatorCommand("build"), siteRoot(n)));
    // `npm run check`: the same build and checks, without the search index (and nothing published).
    measured.check.push(await runNode(generatorCommand("check"), siteRoot(n)));
    await removeOutput(floorRoot(n));
    measured.floor.push(await runNode(eleventyCommand(), floorRoot(n)));
    if (withBareFloor) {
      await removeOutput(bareRoot);
      measured["floor-n"].push(await runNode(eleventyCommand(), bareRoot));
    }
    const ms = (kind: RowKind) => round(measured[kind].at(-1)!.wallMs);
    progress(
      `${label} run ${run}/${runCount}: build ${ms("build")} ms, check ${ms("check")} ms, floor ${ms("floor")} ms${withBareFloor ? `, N-page bare floor ${ms("floor-n")} ms` : ""}`,
    );
  }
  const htmlPages = await countHtml(path.join(siteRoot(n), "_site"));
  const rows = [
    row(label, n, "build", { source: pages, html: htmlPages }, measured.build),
    row(label, n, "check", { source: pages, html: htmlPages }, measured.check),
    row(label, n, "floor", { source: pages, html: await countHtml(path.join(floorRoot(n), "_site")) }, measured.floor),
  ];
  if (withBareFloor) rows.push(row(label, n, "floor-n", { source: n, html: await countHtml(path.join(bareRoot, "_site")) }, measured["floor-n"]));
  const floor = rows.find((each) => each.kind === "floor");
  results.push(...rows.map((each) => ({ ...each, x_floor: overFloor(each, floor) })));

  const perStage: Record<string, number[]> = {};
  for (const run of measured.build) {
    for (const [name, ms] of Object.entries(stageTimings(run.stderr))) (perStage[name] ??= []).push(ms);
  }
  stages[label] = Object.fromEntries(Object.entries(perStage).map(([name, values]) => [name, round(median(values))]));
  if (!options.keep) {
    await rm(bareRoot, { recursive: true, force: true });
    if (n !== incrementalSize || n === 0) for (const root of [siteRoot(n), floorRoot(n)]) await rm(root, { recursive: true, force: true });
  }
}

/**
 * Jekyll 4.3 and this generator on the whole-site Jekyll fixture scaled up (jekyll-site.ts, its
 * own process: each build a fresh process, alternately). Null when skipped or without Jekyll.
 */
function measureJekyllSite(): JekyllSiteResult | null {
  if (jekyllIntegrations === 0 || jekyllRuns === 0 || !existsSync("/usr/bin/jekyll")) return null;
  progress(`Jekyll site: ${jekyllIntegrations} integrations, ${jekyllTutorials} tutorials, Jekyll 4.3 against this generator`);
  const script = path.join(PROJECT_ROOT, "scripts/bench/jekyll-site.ts");
  const args = ["--import", import.meta.resolve("tsx"), script, "--integrations", String(jekyllIntegrations), "--tutorials", String(jekyllTutorials)];
  const run = spawnSync(process.execPath, [...args, "--runs", String(jekyllRuns), "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) throw new Error(`jekyll-site.ts failed (exit ${run.status})`);
  return JSON.parse(run.stdout) as JekyllSiteResult;
}

let jekyllSite: JekyllSiteResult | null = null;
let incremental: IncrementalResult | undefined;
let incrementalFloor: IncrementalResult | undefined;
try {
  if (siteRuns > 0) await measureCorpus(0, siteRuns);
  for (const n of sizes) await measureCorpus(n, runs);
  jekyllSite = measureJekyllSite();

  if (incrementalSize > 0) {
    const n = incrementalSize;
    const corpus: TutorialCorpusOptions = { n, seed, listed };
    const pages = sizes.includes(n) ? await countPageFiles(siteRoot(n)) : await writeCorpora(n, corpus);
    progress(`N=${n}: incremental rebuild of one tutorial under npm start`);
    incremental = await measureTutorialIncremental(siteRoot(n), corpus, incrementalRuns);
    progress(`N=${n}: incremental rebuild of one floor page, stock Eleventy`);
    incrementalFloor = await measurePlainIncremental(floorRoot(n), { pages, seed, frame: "site" }, incrementalRuns);
  }
} finally {
  if (!options.keep) await rm(workRoot, { recursive: true, force: true });
}

const report: BenchReport = {
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memory_gb: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    load_average_at_start: loadAtStart,
    load_average_at_end: loadAverage(),
  },
  generator: generatorDescription(),
  corpus: { seed, listed_collection_pages: listed, runs, site_runs: siteRuns },
  results,
  incremental_ms: incremental ? round(incremental.medianMs) : null,
  incremental_n: incremental ? incrementalSize : null,
  incremental_samples_ms: incremental?.samplesMs.map((ms) => round(ms)) ?? [],
  incremental_floor_ms: incrementalFloor ? round(incrementalFloor.medianMs) : null,
  incremental_floor_samples_ms: incrementalFloor?.samplesMs.map((ms) => round(ms)) ?? [],
  stages,
  jekyll_site: jekyllSite,
  targets: checkTargets(results, incremental && { n: incrementalSize, ms: incremental.medianMs }, jekyllSite),
};
console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
