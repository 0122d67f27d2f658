import path from "node:path";
import { watchTree } from "../dev/watch-tree.ts";
import { siteDirectories } from "../model/settings.ts";
import type { PipelineOptions } from "../pipeline/run-pipeline.ts";
import type { ReportOptions } from "./check-report.ts";
import { runChecks } from "./run-checks.ts";

/**
 * `stitch-docs check --watch`: checks, then checks again after each save (content/, _includes/,
 * _data/), printing each run's findings, for authors who don't run the server. One run at a
 * time: saves during a run start one more after it. Ctrl+C stops.
 */

const SETTLE_MS = 100;

export function watchChecks(pipeline: PipelineOptions, report: ReportOptions): Promise<number> {
  const dirs = siteDirectories(pipeline.root, pipeline.outputDir);
  let running: Promise<unknown> = Promise.resolve();
  let queued = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const check = () => {
    if (queued || stopped) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      if (stopped) return;
      await runChecks(pipeline, report);
      console.error(`Watching ${[dirs.input, dirs.includes, dirs.data].map((dir) => path.relative(process.cwd(), dir) || ".").join(", ")}; Ctrl+C stops.`);
    });
  };
  check();
  const watcher = watchTree([dirs.input, dirs.includes, dirs.data], (file) => {
    // Editors save through temporary files (`.name.swp`, `name~`): left aside.
    if (file !== undefined && (path.basename(file).startsWith(".") || file.endsWith("~"))) return;
    clearTimeout(timer);
    timer = setTimeout(check, SETTLE_MS);
  });
  return new Promise((resolve) => {
    // A run under way ends first (its build folder is cleared away); no other starts.
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      watcher.close();
      resolve(running.then(() => 0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
