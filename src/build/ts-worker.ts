import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** `tsx`'s import for one TypeScript module (its `tsImport`), as a file URL. */
function tsxImportUrl(): string {
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(tsxPackage, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(tsxPackage), exports["./esm/api"]!.import.default)).href;
}

/**
 * A worker thread running one of the project's TypeScript modules. Its entry is a small module
 * that loads the file through tsx, so that it runs the same under `npm run build` (tsx),
 * vitest and plain `node --import tsx`.
 */
export function startTsWorker(module: URL, workerData?: unknown): Worker {
  const entry = JSON.stringify(module.href);
  const bootstrap = `import { tsImport } from ${JSON.stringify(tsxImportUrl())}; await tsImport(${entry}, ${entry});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData });
}
