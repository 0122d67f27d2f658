import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { CLI_DIST } from "./cli-dist.ts";

/**
 * The command-line tool as a child process, compiled from this run's sources (vitest's
 * globalSetup, compile-cli.ts): `node <CLI_DIST>/cli/main.js <command>`, as npm's scripts run
 * dist/, one process, so that a signal sent to it reaches the build itself.
 */

export interface CliOptions {
  /** Added to (or, when undefined, removed from) the test's environment. */
  env?: Record<string, string | undefined>;
  /** The child is killed (SIGKILL) after this long; default 90 s. */
  timeoutMs?: number;
  /** More options for node, before the script (`--import` of a preload). */
  nodeArgs?: string[];
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether the child was killed for outliving timeoutMs. */
  timedOut: boolean;
}

/** A command of `stitch-docs` (`build`, `check`, `start`, `new`, `schema`, ...). */
export type CliCommand = string;

export const CLI_MAIN = path.join(CLI_DIST, "cli/main.js");

export function cliEnv(options: CliOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** `node` and its arguments that run `stitch-docs <command> <args>`, compiled from the sources. */
export function cliCommandLine(command: CliCommand, args: string[] = [], nodeArgs: string[] = []): string[] {
  return [process.execPath, ...nodeArgs, CLI_MAIN, command, ...args];
}

export function spawnCli(command: CliCommand, root: string, args: string[] = [], options: CliOptions = {}): ChildProcess {
  const [node, ...argv] = cliCommandLine(command, args, options.nodeArgs);
  return spawn(node!, argv, { cwd: root, env: cliEnv(options), stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs `stitch-docs <command>` (what `npm run <command>` runs) in `root` to its end, or until timeoutMs kills it. */
export function runCli(command: CliCommand, root: string, args: string[] = [], options: CliOptions = {}): Promise<CliRun> {
  const child = spawnCli(command, root, args, options);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs ?? 90_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
