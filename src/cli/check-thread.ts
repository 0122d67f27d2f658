import { parentPort, workerData } from "node:worker_threads";
import { type PipelineOptions, runPipeline } from "../pipeline/run-pipeline.ts";
import { describeFailure } from "./report.ts";
import type { CheckRunOutcome } from "./run-checks.ts";

// The check run's thread (see run-checks.ts): one pipeline run, its result or its failure posted back.
const options = workerData as PipelineOptions;
let outcome: CheckRunOutcome;
try {
  // What the run rendered with (its engine, its model) stays here: the report needs none of it.
  const { rendered: _rendered, ...result } = await runPipeline(options);
  outcome = { result };
} catch (error) {
  outcome = { failure: describeFailure(error, options.root) };
}
parentPort!.postMessage(outcome);
