import path from "node:path";
import { type PipelineOptions, type PipelineResult, runPipeline } from "../pipeline/run-pipeline.ts";
import { firstMessage, moduleBeside, startWorker } from "../support/threads.ts";
import { failureAsJson, parseCheckArgs, printFindings, wantsJson } from "./check-report.ts";
import { describeFailure, type FailureReport, failureText } from "./report.ts";

/**
 * `npm run check` and `npm run build`: the same checks; build also publishes when they pass.
 *
 * With `--format json` the run happens on a thread of its own whose stdout is this process's
 * stderr, so that nothing a library prints while the site builds can land in the JSON: stdout
 * holds one JSON document, whatever happens, a crash included. A thread that crashes, runs out of
 * memory or stops without an answer is a failure reported like any other. A text run needs no
 * thread (starting one costs more than a small site's build).
 */
export type CheckRunOutcome = { result: Omit<PipelineResult, "rendered"> } | { failure: FailureReport };

/** How long the run's thread may take to end once it has answered (its streams flushed). */
const THREAD_ENDS_WITHIN_MS = 10_000;

export async function runChecks(argv: string[], publish: boolean): Promise<number> {
  const options = parseCheckArgs(argv);
  if (typeof options === "string") {
    if (wantsJson(argv)) console.log(failureAsJson({ messages: [options] }, "usage"));
    else console.error(`error: ${options}`);
    return 2;
  }
  const root = path.resolve(options.source ?? ".");
  const run: PipelineOptions = { root, publish, strict: options.strict, ...(options.destination ? { outputDir: path.resolve(options.destination) } : {}) };
  const folder = options.destination ? `${options.destination.replace(/\/+$/, "")}/` : "_site/";
  const outcome = options.format === "json" ? await checkRunOnThread(run) : await checkRun(run);
  if ("failure" in outcome) {
    if (options.format === "json") console.log(failureAsJson(outcome.failure, "run"));
    else console.error(failureText(outcome.failure));
    if (publish) console.error(`Build failed: ${folder} was left as it was.`);
    return 1;
  }
  const { result } = outcome;
  const exitCode = printFindings(result, options);
  if (publish && result.published) {
    const timings = Object.entries(result.timings) as Array<[string, number]>;
    const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
    // Per stage, so that a stage's cost is visible (`npm run bench` reads this line too).
    console.error(`Built ${folder} in ${total} ms (${timings.map(([name, ms]) => `${name} ${ms} ms`).join(", ")})`);
  } else if (publish) {
    console.error(`Build failed: ${folder} was left as it was.`);
  }
  return exitCode;
}

async function checkRun(options: PipelineOptions): Promise<CheckRunOutcome> {
  try {
    return { result: await runPipeline(options) };
  } catch (error) {
    return { failure: describeFailure(error, options.root) };
  }
}

async function checkRunOnThread(options: PipelineOptions): Promise<CheckRunOutcome> {
  const thread = startWorker(moduleBeside(import.meta.url, "check-thread"), options, { stdout: true });
  thread.stdout.pipe(process.stderr, { end: false });
  const ended = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
  let outcome: CheckRunOutcome;
  try {
    outcome = await firstMessage<CheckRunOutcome>(thread, "the check run's thread");
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
