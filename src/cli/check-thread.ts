import { parentPort, workerData } from "node:worker_threads";
import { siteDirectories } from "../model/settings.ts";
import { type PipelineOptions, runPipeline } from "../pipeline/run-pipeline.ts";
import { progressHooks } from "./progress.ts";
import { describeFailure } from "./report.ts";
import type { CheckRunOutcome, ProgressMessage } from "./run-checks.ts";

// The check run's thread (see run-checks.ts): one pipeline run, its progress and then its result or its failure posted back.
const options = workerData as PipelineOptions & { progress: boolean };
const post = (message: ProgressMessage) => parentPort!.postMessage(message);
const listeners = options.progress
  ? progressHooks({ stage: (stage, pages) => post({ stage, pages }), page: () => post({ page: true }) }, siteDirectories(options.root, options.outputDir).input)
  : {};
let outcome: CheckRunOutcome;
try {
  // What the run rendered with (its engine, its model) stays here: the report needs none of it.
  const { rendered: _rendered, ...result } = await runPipeline({ ...options, ...listeners });
  outcome = { result };
} catch (error) {
  outcome = { failure: describeFailure(error, options.root) };
}
parentPort!.postMessage(outcome);
