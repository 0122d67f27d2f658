import { compile } from "../../scripts/compile.ts";
import { CLI_DIST } from "./cli-dist.ts";

/**
 * vitest's globalSetup: compiles the tool once per run, as `npm run compile` does, into
 * CLI_DIST/cli/, for the tests that run the CLI as a child process. A child started on the
 * sources through tsx spends seconds of CPU loading them; the compiled tool starts in a fraction
 * of that. Its own folder, not dist/: tests/cli/cli-compiled.test.ts runs `npm run compile` into
 * dist/ while the others run. Two more entry points, for the tests that load one module of the
 * compiled tool in a child of their own (the pipeline, the output folder).
 */

export default async function compileCli(): Promise<void> {
  await compile(`${CLI_DIST}/cli`, ["src/pipeline/run-pipeline.ts", "src/publish/output-folder.ts"]);
}
