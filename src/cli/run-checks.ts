import path from "node:path";
import { siteDirectories } from "../model/settings.ts";
import type { PipelineOptions, PipelineResult, PipelineStage } from "../pipeline/run-pipeline.ts";
import { firstMessage, moduleBeside, startWorker } from "../support/threads.ts";
import { printFailure, printFindings, type ReportOptions } from "./check-report.ts";
import { Progress, progressHooks } from "./progress.ts";
import { describeFailure, type FailureReport, failureText } from "./report.ts";

/**
 * One run of `check` or `build` (build also publishes when the checks pass), reported.
 *
 * With `--format json` or `github` the run happens on a thread of its own whose stdout is this
 * process's stderr, so that nothing a library prints while the site builds can land among the
 * findings: stdout holds them alone, whatever happens, a crash included. A thread that crashes,
 * runs out of memory or stops without an answer is a failure reported like any other. A text run
 * needs no thread (starting one costs more than a small site's build). The build's modules are
 * loaded where the run happens, and only there: a run on a thread would otherwise load them
 * twice (more than half a second of CPU for nothing).
 */

export type CheckRunOutcome = { result: Omit<PipelineResult, "rendered"> } | { failure: FailureReport };

/** What the run's thread posts before its outcome: the progress line's events. */
export type ProgressMessage = { stage: PipelineStage; pages: number } | { page: true };

/** How long the run's thread may take to end once it has answered (its streams flushed). */
const THREAD_ENDS_WITHIN_MS = 10_000;

/** The destination as the author named it: relative to the current folder when inside it (`_site/`). */
function destinationName(pipeline: PipelineOptions, cwd: string): string {
  const output = path.resolve(pipeline.root, pipeline.outputDir ?? "_site");
  const relative = path.relative(cwd, output);
  return `${relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? output : relative}/`;
}

export async function runChecks(pipeline: PipelineOptions, report: ReportOptions): Promise<number> {
  const publish = pipeline.publish ?? false;
  const destination = destinationName(pipeline, report.cwd);
  const progress = report.quiet ? undefined : new Progress(process.stderr, Boolean(pipeline.searchIndex ?? publish));
  let outcome: CheckRunOutcome;
  try {
    outcome = report.format === "text" ? await checkRun(pipeline, progress) : await checkRunOnThread(pipeline, progress);
  } finally {
    progress?.done();
  }
  if ("failure" in outcome) {
    printFailure(outcome.failure, "run", report, failureText(outcome.failure));
    if (publish) console.error(`Build failed: ${destination} was left as it was.`);
    return 1;
  }
  const { result } = outcome;
  const exitCode = printFindings(result, report);
  if (publish && result.published) {
    const timings = Object.entries(result.timings) as Array<[string, number]>;
    const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
    // Per stage, so that a stage's cost is visible (`npm run bench` reads this line too).
    if (!report.quiet) console.error(`Built ${destination} in ${total} ms (${timings.map(([name, ms]) => `${name} ${ms} ms`).join(", ")})`);
  } else if (publish) {
    console.error(`Build failed: ${destination} was left as it was.`);
  }
  return exitCode;
}

async function checkRun(options: PipelineOptions, progress: Progress | undefined): Promise<CheckRunOutcome> {
  const listeners = progress ? progressHooks(progress, siteDirectories(options.root, options.outputDir).input) : {};
  try {
    const { runPipeline } = await import("../pipeline/run-pipeline.ts");
    return { result: await runPipeline({ ...options, ...listeners }) };
  } catch (error) {
    return { failure: describeFailure(error, options.root) };
  }
}

const isOutcome = (message: unknown) => typeof message === "object" && message !== null && ("result" in message || "failure" in message);

async function checkRunOnThread(options: PipelineOptions, progress: Progress | undefined): Promise<CheckRunOutcome> {
  const thread = startWorker(moduleBeside(import.meta.url, "check-thread"), { ...options, progress: progress !== undefined }, { stdout: true });
  thread.stdout.pipe(process.stderr, { end: false });
  if (progress) {
    thread.on("message", (message: ProgressMessage) => {
      if ("stage" in message) progress.stage(message.stage, message.pages);
      else if ("page" in message) progress.page();
    });
  }
  const ended = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
  let outcome: CheckRunOutcome;
  try {
    outcome = await firstMessage<CheckRunOutcome>(thread, "the check run's thread", isOutcome);
  } catch (error) {
    outcome = { failure: { messages: [(error as Error).message] } };
  }
  // The answer is in: what the thread does wrong after it (a late rejection) is only worth a warning.
  thread.on("error", (error) => console.error(`warning: the check run's thread failed after its answer: ${error.message}`));
  const stop = setTimeout(() => void thread.terminate(), THREAD_ENDS_WITHIN_MS);
  await ended;
  clearTimeout(stop);
  return outcome;
}
