// The compiled tool (`npm run compile`, run by `npm ci` as `prepare`): esbuild bundles the CLI
// and the modules its threads start into one folder, dist/cli/, so that a build loads a few
// files instead of some 250 (our own modules and zod's, each an ESM module Node would resolve,
// read and link on every start). Measured on this repository's site (2 cores, load 2.5, 6
// builds each, alternating): 2.87 s of CPU (median) against 3.06 s for tsc's module-by-module
// output; 1.36x the stock-Eleventy floor's CPU in the bench, from 1.54x.
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The entry points: the CLI, and each module started as a worker thread. Threads find their
 * module beside the code that starts them (src/support/threads.ts, `moduleBeside`), so all of
 * them, and the chunks they share, are written flat into one folder.
 */
export const ENTRY_POINTS = ["src/cli/main.ts", "src/cli/check-thread.ts", "src/publish/page-sink-worker.ts", "src/dev/http-thread-worker.ts"];

/**
 * Packages loaded from node_modules as they are, not bundled: Eleventy (the render stage imports
 * its private modules by path: src/render/eleventy-internals.ts), the libraries Eleventy imports
 * itself (one copy of LiquidJS and markdown-it in the process, with one set of classes),
 * sharp's native image library, and dart-sass (five megabytes of compiled Dart, imported only
 * when a Jekyll site has Sass: src/render/sass-pages.ts). Packages loaded only on demand through `createRequire` (yaml,
 * parse5, the image library) are never bundled: esbuild leaves a runtime require as it is.
 */
const EXTERNAL = ["@11ty/*", "liquidjs", "markdown-it", "sharp", "sass"];

/**
 * Bundled CommonJS packages (highlight.js, gray-matter) call `require` for Node's own modules;
 * an ES module has none, so each output file starts by making one.
 */
const REQUIRE_SHIM = 'import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(import.meta.url);';

/** Bundles ENTRY_POINTS, and `extraEntryPoints` (the tests' own), into `outdir`, emptied first. */
export async function compile(outdir = path.join(PROJECT_ROOT, "dist/cli"), extraEntryPoints: string[] = []): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [...ENTRY_POINTS, ...extraEntryPoints],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    logLevel: "warning",
  });
  // The live-reload script is read as text and sent to the browser (src/dev/live-reload.ts).
  await mkdir(outdir, { recursive: true });
  await copyFile(path.join(PROJECT_ROOT, "src/dev/reload-client.js"), path.join(outdir, "reload-client.js"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The whole of dist/: what earlier versions compiled module by module there would linger.
  await rm(path.join(PROJECT_ROOT, "dist"), { recursive: true, force: true });
  await compile();
}
