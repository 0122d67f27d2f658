import { parentPort, workerData } from "node:worker_threads";
import { verdictsOf } from "./yaml-verdicts.ts";

// yaml-verdicts.ts's thread: the texts come as its workerData, the verdicts go back as one message.
parentPort!.postMessage(verdictsOf(workerData as Array<string | undefined>));
