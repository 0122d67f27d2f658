// Summarises a V8 CPU profile (`node --cpu-prof`): where the time went, by function and by
// package, without a browser. Usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [TOP]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = "25"] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [TOP]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const where = (url: string) => url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|scripts)\//, "$1/");
const packageOf = (url: string) => url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (url.startsWith("node:") ? "node" : url === "" ? "(vm)" : "project");

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  const name = url ? `${functionName || "(anonymous)"} ${where(url)}:${lineNumber + 1}` : functionName;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const pkg = url ? packageOf(url) : functionName;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  total += micros;
}

function print(title: string, totals: Map<string, number>) {
  console.log(`\n${title}`);
  for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(`${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name.slice(0, 140)}`);
  }
}
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
print("Self time by package", byPackage);
print("Self time by function", byFunction);
