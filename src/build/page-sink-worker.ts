import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import type { PageProcessor, SinkMessage, SinkReply, WrittenPage } from "./page-sink.ts";

/**
 * The page sink's thread (see page-sink.ts): writes each page it is sent and hands it to the
 * build's page processors, in the order the pages were sent.
 */
const port = parentPort!;
const processors: Array<PageProcessor<unknown>> = [];
const createdDirs = new Set<string>();
let failure: string | undefined;

function write(page: WrittenPage): void {
  const dir = path.dirname(page.outputPath);
  if (!createdDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    createdDirs.add(dir);
  }
  writeFileSync(page.outputPath, page.content);
  for (const processor of processors) processor.page(page);
}

async function handle(message: SinkMessage): Promise<void> {
  switch (message.type) {
    case "processors":
      for (const { module, options } of message.processors) {
        const { createPageProcessor } = (await import(module)) as { createPageProcessor(options: unknown): PageProcessor<unknown> };
        processors.push(createPageProcessor(options));
      }
      return;
    case "page":
      // After a failed write the build fails anyway: the remaining pages are only dropped.
      if (failure === undefined) {
        try {
          write(message.page);
        } catch (error) {
          failure = `${message.page.outputPath}: ${(error as Error).message}`;
        }
      }
      return reply({ type: "written" });
    case "finish":
      if (failure !== undefined) return reply({ type: "failed", message: failure });
      return reply({ type: "finished", results: processors.map((processor) => processor.finish()) });
  }
}

function reply(message: SinkReply): void {
  port.postMessage(message);
}

// Messages are handled one at a time, in order: a page may not overtake the processors' set-up.
let queue = Promise.resolve();
port.on("message", (message: SinkMessage) => {
  queue = queue.then(() => handle(message)).catch((error: unknown) => reply({ type: "failed", message: (error as Error).message }));
});
