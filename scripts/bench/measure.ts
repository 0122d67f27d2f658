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
  /** Peak resident memory of the largest process of the build (Pagefind's indexer is one). */
  peakRssMb: number;
  /** Peak resident memory of the build's own Node process. */
  nodePeakRssMb: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const USAGE_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "usage-probe.mjs");

/**
 * Runs `node <args>` in `cwd` and measures it. A preload reports the Node process's own
 * process.resourceUsage() at exit; GNU time, when the machine has it, adds the whole process
 * tree's CPU time and the peak RSS of its largest process.
 */
export async function runNode(args: string[], cwd: string): Promise<ProcessRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), "bench-usage-"));
  const usageFile = path.join(scratch, "usage");
  const nodeUsageFile = path.join(scratch, "node-usage");
  // Both write "<max RSS kB> <user s> <system s>".
  const nodeArgs = ["--import", USAGE_PROBE, ...args];
  const [command, commandArgs] = existsSync(GNU_TIME)
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", usageFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd, env: { ...process.env, BENCH_USAGE_FILE: nodeUsageFile }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (err += chunk));
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
    });
    const wallMs = performance.now() - start;
    if (code !== 0) throw new Error(`node ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${stderr || stdout}`);
    const read = async (file: string) => (await readFile(file, "utf8")).trim().split("\n").pop()!.split(" ").map(Number) as [number, number, number];
    const own = await read(nodeUsageFile);
    const [maxRssKb, userSeconds, systemSeconds] = existsSync(usageFile) ? await read(usageFile) : own;
    return { wallMs, cpuMs: (userSeconds + systemSeconds) * 1000, peakRssMb: maxRssKb / 1024, nodePeakRssMb: own[0] / 1024, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
