// The incremental rebuild: one page edited under a watch process (npm start, or stock Eleventy's
// `--watch --incremental` for the floor), timed from the write until the author sees the edit.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { load as loadYaml } from "js-yaml";
import { eleventyCommand, generatorCommand } from "./commands.ts";
import { TUTORIAL_FOLDER, type TutorialCorpusOptions, tutorialFile, tutorialSlug, tutorialSource } from "./corpus.ts";
import { type PlainCorpusOptions, plainPageFile, plainPageOutput, plainPageSource } from "./plain-corpus.ts";

export interface IncrementalResult {
  /** Each edit's time from the file write until the page shown has the edit, warm-up excluded. */
  samplesMs: number[];
  medianMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `output()` first matches `pattern` (checked as output arrives), or rejects. */
function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output())) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`the watch process exited (${code}) before ${pattern}:\n${output()}`));
    const timer = setTimeout(() => finish(new Error(`no ${pattern} from the watch process in ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout!.off("data", check);
      child.stderr!.off("data", check);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.on("exit", onExit);
    check();
  });
}

/** What one watch benchmark runs and edits. */
interface WatchTarget {
  cwd: string;
  /** Arguments to `node` that start Eleventy watching `cwd`. */
  nodeArgs: string[];
  /** The file edited, and its source with a marker in it. */
  source: string;
  sourceWith(marker: string): string;
  /** Where the marker must reach, for messages. */
  output: string;
  /** The page as the author would now see it (`log`: the process's output so far). */
  read(log: string): Promise<string>;
  /** Printed once the process watches (after its first build). */
  ready: RegExp;
  /** Printed once per finished rebuild. */
  rebuilt: RegExp;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts a watch process (npm start, or Eleventy's `--watch --incremental`), then edits one page
 * `runs + 1` times (the first is a warm-up) and times each edit from the write until the page the
 * author would see contains it (served by npm start, which keeps the fast path's page in memory;
 * on disk for Eleventy).
 */
async function measureWatchRebuild(target: WatchTarget, runs: number): Promise<IncrementalResult> {
  const child = spawn(process.execPath, target.nodeArgs, { cwd: target.cwd, env: target.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const original = await readFile(target.source, "utf8");
  try {
    await waitForOutput(child, () => log, target.ready, 600_000);
    const rebuilds = () => log.match(new RegExp(target.rebuilt.source, "gm"))?.length ?? 0;
    const samples: number[] = [];
    for (let k = 0; k <= runs; k++) {
      const marker = `bench-edit-${k}-${Date.now()}`;
      const rebuiltBefore = rebuilds();
      const start = performance.now();
      await writeFile(target.source, target.sourceWith(marker));
      for (let lastWrite = start; ; ) {
        const html = await target.read(log).catch(() => "");
        if (html.includes(marker)) break;
        const now = performance.now();
        if (now - start > 60_000) throw new Error(`the edit did not reach ${target.output} within 60 s:\n${log.slice(-2000)}`);
        // The watcher may still be scanning when Eleventy says "Watching…": repeat the warm-up edit.
        if (k === 0 && now - lastWrite > 5_000) {
          lastWrite = now;
          await writeFile(target.source, target.sourceWith(marker));
        }
        await sleep(2);
      }
      const elapsed = performance.now() - start;
      if (k > 0) samples.push(elapsed);
      // Let the watcher finish this build (its summary line) before the next edit.
      await waitForOutput(child, () => log, new RegExp(`(?:${target.rebuilt.source}[\\s\\S]*){${rebuiltBefore + 1}}`, "m"), 600_000);
      await sleep(300);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const medianMs = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    return { samplesMs: samples, medianMs };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)));
    await writeFile(target.source, original);
  }
}

/** The corpus's base URL (`/docs`), from its `_data/site.yml`: where npm start serves its pages. */
function baseurlOf(corpusRoot: string): string {
  const site = loadYaml(readFileSync(path.join(corpusRoot, "_data", "site.yml"), "utf8")) as { baseurl?: string } | null;
  return (site?.baseurl ?? "").replace(/\/+$/, "");
}

/** One tutorial of the tutorial corpus edited under `npm start`, fetched from its server. */
export function measureTutorialIncremental(corpusRoot: string, corpus: TutorialCorpusOptions, runs: number) {
  const edited = Math.floor(corpus.n / 2);
  const pagePath = `${baseurlOf(corpusRoot)}/${TUTORIAL_FOLDER}/${tutorialSlug(edited)}`;
  return measureWatchRebuild(
    {
      cwd: corpusRoot,
      nodeArgs: generatorCommand("start"),
      env: { ...process.env, PORT: "0" },
      ready: /^Serving /m,
      rebuilt: /^(?:Built in|\d+ errors?:)/m,
      source: tutorialFile(corpusRoot, edited),
      sourceWith: (marker) => tutorialSource(edited, corpus, marker),
      output: pagePath,
      async read(log) {
        const origin = /^Serving (http:\/\/127\.0\.0\.1:\d+)\//m.exec(log)?.[1];
        if (!origin) throw new Error("npm start has not said where it serves");
        return (await fetch(`${origin}${pagePath}`)).text();
      },
    },
    runs,
  );
}

/** The same for one page of a floor corpus under stock Eleventy: the floor of a watch rebuild. */
export function measurePlainIncremental(plainRoot: string, floor: PlainCorpusOptions, runs: number) {
  const edited = Math.floor(floor.pages / 2);
  return measureWatchRebuild(
    {
      cwd: plainRoot,
      nodeArgs: eleventyCommand(true),
      ready: /Watching…/,
      rebuilt: /Wrote \d+ file/,
      source: plainPageFile(plainRoot, edited),
      sourceWith: (marker) => plainPageSource(edited, floor, marker),
      output: plainPageOutput(plainRoot, edited),
      read: () => readFile(plainPageOutput(plainRoot, edited), "utf8"),
    },
    runs,
  );
}
