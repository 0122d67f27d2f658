import { parentPort } from "node:worker_threads";
import type { SinkMessage, SinkReply } from "./page-sink.ts";
import { PageWork } from "./page-work.ts";

/**
 * The page sink's thread (see page-sink.ts): does each page's work (page-work.ts) in the order
 * the pages were sent, and answers `written` for each, `finished` once every file is written.
 */

const port = parentPort!;
const reply = (message: SinkReply) => port.postMessage(message);
let work: PageWork | undefined;
let failure: string | undefined;

async function handle(message: SinkMessage): Promise<void> {
  switch (message.type) {
    case "start":
      work = await PageWork.start(message.options, (failed) => {
        failure ??= failed;
        reply({ type: "failed", message: failed });
      });
      return;
    case "page":
      if (!work) return reply({ type: "written" });
      return work.take(message.page, () => reply({ type: "written" }));
    case "abandon":
      await work?.abandon();
      return reply({ type: "abandoned" });
    case "finish":
      try {
        if (!work) throw new Error(failure ?? "the page writer's thread did not start");
        return reply({ type: "finished", result: await work.finish() });
      } catch (error) {
        return reply({ type: "finished", failure: failure ?? (error as Error).message });
      }
  }
}

// Messages are handled one at a time, in order: a page may not overtake the work's start.
let queue = Promise.resolve();
port.on("message", (message: SinkMessage) => {
  queue = queue
    .then(() => handle(message))
    // A message failed (the work could not start, say): the build fails, and no more pages are taken.
    // The indexer fails later, with its first marked page (search-index.ts), through onFailure.
    .catch((error: unknown) => {
      failure ??= (error as Error).message;
      reply({ type: "failed", message: failure });
    });
});
