// Runs a child Node process and measures it: wall time, CPU time, the Node process's peak memory
// and, apart, its search indexer's (a child process), and the whole process tree's.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One run of a child Node process: wall time, CPU time, peak resident memory, its output. */
export interface ProcessRun {
  wallMs: number;
  /** User + system CPU time of the process and of the children it waited for (the indexer, once it ends first). */
  cpuMs: number;
  /** Peak resident memory of the Node process run (its threads included; not its child processes). */
  nodePeakRssMb: number;
  /** Peak resident memory of the search indexer, a child process (Pagefind's binary); null if none ran. */
  indexerPeakRssMb: number | null;
  /** The most the run's processes held at once, all together (sampled every 200 ms). */
  treePeakRssMb: number;
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

/** The search indexer's processes, by their command name: Pagefind's `pagefind` or `pagefind_extended`. */
const INDEXER_COMMAND = /^pagefind/;

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/**
 * Samples the memory of a process tree: the indexer's own peak (its high-water mark, so a
 * short-lived peak between samples still counts) and the most the tree held at once. GNU time
 * alone gives neither: it reports the largest process, and misses a grandchild its parent
 * never waits for (Pagefind's indexer, at times).
 */
function sampleTreeMemory(root: number): () => { indexerPeakKb: number | null; totalKb: number } {
  let indexerPeakKb: number | null = null;
  let totalKb = 0;
  const commands = new Map<number, string>();
  const sample = () => {
    let resident = 0;
    for (const pid of descendantsOf(root)) {
      const memory = memoryOf(pid);
      if (!memory) continue;
      if (!commands.has(pid)) commands.set(pid, commandOf(pid));
      if (INDEXER_COMMAND.test(commands.get(pid)!)) indexerPeakKb = Math.max(indexerPeakKb ?? 0, memory.peakKb);
      resident += memory.residentKb;
    }
    totalKb = Math.max(totalKb, resident);
  };
  // Off Linux there is no /proc: nothing to sample.
  const timer = existsSync("/proc/self/status") ? setInterval(sample, SAMPLE_MS) : undefined;
  return () => {
    clearInterval(timer);
    return { indexerPeakKb, totalKb };
  };
}
const USAGE_PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "usage-probe.mjs");

/**
 * Runs `node <args>` in `cwd` and measures it. A preload reports the Node process's own
 * process.resourceUsage() at exit (its peak RSS, and its CPU time when GNU time is missing);
 * GNU time, when the machine has it, the CPU time of the process and its children; /proc,
 * sampled, the indexer's peak RSS and the most all the processes held at once.
 */
export async function runNode(args: string[], cwd: string): Promise<ProcessRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), "bench-usage-"));
  const usageFile = path.join(scratch, "usage");
  const nodeUsageFile = path.join(scratch, "node-usage");
  // Both write "<max RSS kB> <user s> <system s>" (GNU time's RSS, the largest process's, is not used).
  const nodeArgs = ["--import", USAGE_PROBE, ...args];
  const [command, commandArgs] = existsSync(GNU_TIME)
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", usageFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  let tree: { indexerPeakKb: number | null; totalKb: number } = { indexerPeakKb: null, totalKb: 0 };
  // The files the previous run wrote are flushed first, so that a run does not pay for the
  // write-back of the one before it. (The floor still varies on this machine's disk: README.)
  execFileSync("sync");
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd, env: { ...process.env, BENCH_USAGE_FILE: nodeUsageFile }, stdio: ["ignore", "pipe", "pipe"] });
      const stopSampling = child.pid === undefined ? () => ({ indexerPeakKb: null, totalKb: 0 }) : sampleTreeMemory(child.pid);
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
    const [, userSeconds, systemSeconds] = existsSync(usageFile) ? await read(usageFile) : own;
    return {
      wallMs,
      cpuMs: (userSeconds + systemSeconds) * 1000,
      nodePeakRssMb: own[0] / 1024,
      indexerPeakRssMb: tree.indexerPeakKb === null ? null : tree.indexerPeakKb / 1024,
      // At least the Node process alone, should it end between two samples.
      treePeakRssMb: Math.max(tree.totalKb, own[0]) / 1024,
      stdout,
      stderr,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
