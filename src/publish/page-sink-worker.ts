import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import type { PageProcessor, SinkMessage, SinkReply, WrittenPage } from "./page-sink.ts";

/**
 * The page sink's thread (see page-sink.ts): hands each page it is sent to the build's page
 * processors, in the order the pages were sent, and writes it. Files are written in the
 * background (libuv's threads), so that a slow disk holds up neither the processors nor the
 * rendering; `finish` waits for every write. The first failure (a write, a processor) is told at
 * once; after it, pages are only dropped.
 */
const port = parentPort!;
const processors: Array<PageProcessor<unknown>> = [];
const createdDirs = new Set<string>();
let failure: string | undefined;
const writes = new Set<Promise<void>>();

/** The first failure is told at once, so that the build stops rendering pages nobody will keep. */
function failed(message: string): void {
  if (failure !== undefined) return;
  failure = message;
  reply({ type: "failed", message });
}

async function take(page: WrittenPage): Promise<void> {
  for (const processor of processors) await processor.page(page);
  const dir = path.dirname(page.outputPath);
  try {
    if (!createdDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      createdDirs.add(dir);
    }
  } catch (error) {
    throw new Error(`could not write the site: ${page.outputPath}: ${(error as Error).message}`);
  }
  // Answered once the file is written: the page's text stays in memory until then.
  const written: Promise<void> = writeFile(page.outputPath, page.content)
    .catch((error: Error) => failed(`could not write the site: ${page.outputPath}: ${error.message}`))
    .finally(() => {
      writes.delete(written);
      reply({ type: "written" });
    });
  writes.add(written);
}

async function handle(message: SinkMessage): Promise<void> {
  switch (message.type) {
    case "processors":
      for (const { module, options } of message.processors) {
        const { createPageProcessor } = (await import(module)) as { createPageProcessor(options: unknown): PageProcessor<unknown> | Promise<PageProcessor<unknown>> };
        processors.push(await createPageProcessor(options));
      }
      return;
    case "page":
      // After a failure the build fails anyway: the remaining pages are only dropped.
      if (failure === undefined) {
        try {
          return await take(message.page);
        } catch (error) {
          failed((error as Error).message);
        }
      }
      return reply({ type: "written" });
    case "finish":
      await Promise.all(writes);
      try {
        if (failure === undefined) return reply({ type: "finished", results: await Promise.all(processors.map((processor) => processor.finish())) });
      } catch (error) {
        failed((error as Error).message);
      }
      return reply({ type: "finished", failure: failure! });
  }
}

function reply(message: SinkReply): void {
  port.postMessage(message);
}

// Messages are handled one at a time, in order: a page may not overtake the processors' set-up.
let queue = Promise.resolve();
port.on("message", (message: SinkMessage) => {
  queue = queue
    .then(() => handle(message))
    // A processor that could not start: the build fails, and no more pages are taken.
    .catch((error: unknown) => failed((error as Error).message));
});
