import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { CLI_DIST } from "./cli-dist.ts";

/**
 * vitest's globalSetup: compiles the sources once per run (`tsc -p tsconfig.build.json`, as
 * `npm run compile` does) into CLI_DIST, for the tests that run the CLI as a child process.
 * A child started on the sources through tsx spends seconds of CPU loading them; the compiled
 * tool starts in a fraction of that. Its own folder, not dist/: tests/cli/cli-compiled.test.ts
 * runs `npm run compile` into dist/ while the others run.
 */

const execFileAsync = promisify(execFile);

export default async function compileCli(): Promise<void> {
  const root = path.resolve(CLI_DIST, "../..");
  await rm(CLI_DIST, { recursive: true, force: true });
  await execFileAsync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", CLI_DIST], {
    cwd: root,
  });
}
