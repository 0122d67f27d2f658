import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { describe, it } from "vitest";

/** Tests that need root and system packages: they skip outside CI when something is missing. */

export const isRoot = () => process.getuid?.() === 0;

/** CI sets CI=true; "false" or "0" count as not CI. */
export const inCI = () => !!process.env.CI && !["0", "false"].includes(process.env.CI.toLowerCase());

/** The first of `candidates` that exists and is executable. */
export function executable(...candidates: string[]): string | undefined {
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What is missing, as readable items ("root (running as uid 1000)", "/usr/sbin/nft (Debian package nftables)"). */
export function missingOf(requirements: Array<[label: string, present: boolean]>): string[] {
  return requirements.filter(([, present]) => !present).map(([label]) => label);
}

export const rootRequirement = (): [string, boolean] => [`root (running as uid ${process.getuid?.()})`, isRoot()];

/**
 * `describe` for a suite that needs things this machine may lack. Outside CI it is skipped, with
 * a message naming exactly what is missing; in CI (CI=true) it must run, so a missing thing
 * becomes a failing test instead.
 */
export function describeNeeding(name: string, missing: string[], body: () => void): void {
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const reason = `missing: ${missing.join("; ")}`;
  if (inCI()) {
    describe(name, () => {
      it("has what it needs (CI runs this suite, it never skips it)", () => {
        throw new Error(`${name} cannot run in CI, ${reason}`);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${reason}`);
  describe.skip(`${name} [skipped, ${reason}]`, body);
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user and group (the test runs as root). */
  uid?: number;
  gid?: number;
}

/** Runs a command to completion (60 s at most); throws when it cannot start. */
export function run(command: string, args: string[], options: RunOptions = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 60_000, ...options, env: options.env ?? process.env });
  if (result.error) throw result.error;
  return result;
}

/** Like run, but a non-zero exit throws with the command's stderr. */
export function runOk(command: string, args: string[], options: RunOptions = {}): string {
  const result = run(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}
