import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** `tsx`'s import for one TypeScript module (its `tsImport`), as a file URL. */
function tsxImportUrl(): string {
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(tsxPackage, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(tsxPackage), exports["./esm/api"]!.import.default)).href;
}

/**
 * A sibling module of `importerUrl` (`import.meta.url`) by name, with the importer's own
 * extension: `.ts` when the project runs from its sources (vitest, tsx), `.js` when it runs
 * compiled (npm's scripts run dist/).
 */
export function moduleBeside(importerUrl: string, name: string): URL {
  const extension = path.extname(new URL(importerUrl).pathname);
  return new URL(`./${name}${extension}`, importerUrl);
}

/**
 * A worker thread running one of the project's modules: compiled JavaScript as it is, a
 * TypeScript source through tsx (a small entry module loads it with tsx's `tsImport`), so that a
 * thread runs the same under vitest as in a build.
 */
export function startWorker(module: URL, workerData?: unknown, options: Omit<WorkerOptions, "workerData" | "eval"> = {}): Worker {
  if (!module.pathname.endsWith(".ts")) return new Worker(module, { ...options, workerData });
  const entry = JSON.stringify(module.href);
  const bootstrap = `import { tsImport } from ${JSON.stringify(tsxImportUrl())}; await tsImport(${entry}, ${entry});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { ...options, workerData });
}

/**
 * The first message `worker` posts (that `accept` takes, when given: others are its caller's).
 * A thread that fails, or stops, before it posts one rejects it, named as `what`: waiting for its
 * message alone would wait for ever.
 */
export function firstMessage<Message>(worker: Worker, what: string, accept: (message: unknown) => boolean = () => true): Promise<Message> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (message: Message) => {
      if (!accept(message)) return;
      settle();
      resolve(message);
    };
    const onError = (error: Error) => {
      settle();
      reject(new Error(`${what} failed: ${error.message}`, { cause: error }));
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`${what} stopped (exit code ${code}) before it had finished`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}
