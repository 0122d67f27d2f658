// The commands the benchmark times: this generator (the one place that knows how its CLI is
// started) and stock Eleventy, the floor. Each is the argument list of `node`.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type GeneratorKind = "build" | "check" | "start";

/**
 * `node <these args>` in a site's folder does what `npm run <kind>` does there: the compiled CLI
 * when `dist/cli/` exists, else the TypeScript sources through tsx's loader. Run by `node`
 * directly, like the floor, so that neither pays for npm's own start.
 */
export function generatorCommand(kind: GeneratorKind): string[] {
  const compiled = path.join(PROJECT_ROOT, "dist/cli");
  if (existsSync(compiled)) return [path.join(compiled, "main.js"), kind];
  return ["--import", import.meta.resolve("tsx"), path.join(PROJECT_ROOT, "src/cli/main.ts"), kind];
}

/** Which of generatorCommand's two forms this run uses, for the report. */
export function generatorDescription(): string {
  const args = generatorCommand("build");
  return args[0] === "--import"
    ? `node --import tsx ${path.relative(PROJECT_ROOT, args[2]!)} ${args.slice(3).join(" ")}`
    : `node ${path.relative(PROJECT_ROOT, args[0]!)} ${args.slice(1).join(" ")}`;
}

const ELEVENTY_CLI = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");

/** Stock Eleventy's CLI on the folder it runs in, with no project config: the floor. */
export function eleventyCommand(watch = false): string[] {
  return [ELEVENTY_CLI, "--input=.", "--output=_site", "--quiet", ...(watch ? ["--watch", "--incremental"] : [])];
}
