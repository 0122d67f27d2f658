import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One run of a child Node process: wall time, CPU time, peak resident memory, its output. */
export interface ProcessRun {
  wallMs: number;
  /** User + system CPU time: less disturbed than wall time when other work shares the cores. */
  cpuMs: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const USAGE_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "usage-probe.mjs");

/**
 * Runs `node <args>` in `cwd` and measures it. Peak memory is the child's max RSS and CPU time
 * its user + system time: from GNU time when the machine has it, else from a preload that
 * reports process.resourceUsage() at exit.
 */
export async function runNode(args: string[], cwd: string): Promise<ProcessRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), "bench-usage-"));
  const usageFile = path.join(scratch, "usage");
  // Both write "<max RSS kB> <user s> <system s>".
  const [command, commandArgs] = existsSync(GNU_TIME)
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", usageFile, process.execPath, ...args]]
    : [process.execPath, ["--import", USAGE_PROBE, ...args]];
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd, env: { ...process.env, BENCH_USAGE_FILE: usageFile }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (err += chunk));
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
    });
    const wallMs = performance.now() - start;
    if (code !== 0) throw new Error(`node ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${stderr || stdout}`);
    const usage = (await readFile(usageFile, "utf8")).trim().split("\n").pop()!.split(" ").map(Number);
    const [maxRssKb, userSeconds, systemSeconds] = usage as [number, number, number];
    return { wallMs, cpuMs: (userSeconds + systemSeconds) * 1000, peakRssMb: maxRssKb / 1024, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
