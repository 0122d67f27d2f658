import { parentPort, workerData } from "node:worker_threads";
import { checkSite, type CheckSiteOptions } from "../pipeline/check-site.ts";
import { describeFailure } from "./report.ts";
import type { CheckRunOutcome } from "./run-checks.ts";

// The check run's thread (see run-checks.ts): one checkSite, its result or its failure posted back.
const options = workerData as CheckSiteOptions;
let outcome: CheckRunOutcome;
try {
  outcome = { result: await checkSite(options) };
} catch (error) {
  outcome = { failure: describeFailure(error, options.root) };
}
parentPort!.postMessage(outcome);
