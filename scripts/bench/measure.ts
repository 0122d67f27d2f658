import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
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
  /** The most the build's processes held at once, all together (sampled every 200 ms). */
  treePeakRssMb: number;
  /** Peak resident memory of the build's own Node process. */
  nodePeakRssMb: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const SAMPLE_MS = 200;

/** `/proc/<pid>/status` fields in kB, or undefined once the process is gone (or off Linux). */
function memoryOf(pid: number): { peakKb: number; residentKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { peakKb: field("VmHWM"), residentKb: field("VmRSS") };
  } catch {
    return undefined;
  }
}

/** Every process below `root` (its children, theirs, ...), from each process's parent in /proc. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": the command may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      (children.get(parent) ?? children.set(parent, []).get(parent)!).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * Samples the memory of a process tree: each process's own peak (its high-water mark, so a
 * short-lived peak between samples still counts) and the most the tree held at once. GNU time
 * alone misses a grandchild its parent never waits for (Pagefind's indexer, at times).
 */
function sampleTreeMemory(root: number): () => { largestKb: number; totalKb: number } {
  let largestKb = 0;
  let totalKb = 0;
  // Off Linux there is no /proc: nothing to sample.
  const sample = () => {
    let resident = 0;
    for (const pid of descendantsOf(root)) {
      const memory = memoryOf(pid);
      if (!memory) continue;
      largestKb = Math.max(largestKb, memory.peakKb);
      resident += memory.residentKb;
    }
    totalKb = Math.max(totalKb, resident);
  };
  const timer = existsSync("/proc/self/status") ? setInterval(sample, SAMPLE_MS) : undefined;
  return () => {
    clearInterval(timer);
    return { largestKb, totalKb };
  };
}
const USAGE_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "usage-probe.mjs");

/**
 * Runs `node <args>` in `cwd` and measures it. A preload reports the Node process's own
 * process.resourceUsage() at exit; GNU time, when the machine has it, adds the whole process
 * tree's CPU time; /proc, sampled, the peak RSS of the tree's largest process and of all of it.
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
  let tree = { largestKb: 0, totalKb: 0 };
  // The files the previous run wrote are flushed first, so that a run does not pay for the
  // write-back of the one before it. (The floor still varies on this machine's disk: README.)
  execFileSync("sync");
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd, env: { ...process.env, BENCH_USAGE_FILE: nodeUsageFile }, stdio: ["ignore", "pipe", "pipe"] });
      const stopSampling = child.pid === undefined ? () => ({ largestKb: 0, totalKb: 0 }) : sampleTreeMemory(child.pid);
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (err += chunk));
      child.on("error", reject);
      child.on("close", (exitCode) => {
        tree = stopSampling();
        resolve({ code: exitCode, stdout: out, stderr: err });
      });
    });
    const wallMs = performance.now() - start;
    if (code !== 0) throw new Error(`node ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${stderr || stdout}`);
    const read = async (file: string) => (await readFile(file, "utf8")).trim().split("\n").pop()!.split(" ").map(Number) as [number, number, number];
    const own = await read(nodeUsageFile);
    const [maxRssKb, userSeconds, systemSeconds] = existsSync(usageFile) ? await read(usageFile) : own;
    return {
      wallMs,
      cpuMs: (userSeconds + systemSeconds) * 1000,
      peakRssMb: Math.max(maxRssKb, tree.largestKb) / 1024,
      treePeakRssMb: tree.totalKb / 1024,
      nodePeakRssMb: own[0] / 1024,
      stdout,
      stderr,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
