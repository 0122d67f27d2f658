// `tsx scripts/bench/jekyll-site.ts [--integrations 1000] [--tutorials 100] [--runs 3] [--keep DIR]`:
// Jekyll 4.3 against this generator on one Jekyll site tree, side by side in one run. The tree is
// the whole-site fixture (tests/jekyll/site-fixtures/whole-site) scaled up: N integration pages
// (listed by includes with parameters on the home page), M tutorials (layout chains, includes
// with parameters, data from nested folders). Each build is a fresh process, output emptied
// first; the median wall time of each and their ratio are printed (JSON with --json). Stock
// Eleventy on as many plain pages (the benchmark's floor, plain-corpus.ts) is timed alongside:
// what the stack this generator is built on costs for that many pages at the least.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eleventyCommand, generatorCommand, PROJECT_ROOT } from "./commands.ts";
import { writePlainCorpus } from "./plain-corpus.ts";

const { values } = parseArgs({
  options: {
    integrations: { type: "string", default: "1000" },
    tutorials: { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
    keep: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const integrations = Number(values.integrations);
const tutorials = Number(values.tutorials);
const runs = Number(values.runs);
const JEKYLL = "/usr/bin/jekyll";

function writeScaledSite(root: string): void {
  cpSync(path.join(PROJECT_ROOT, "tests/jekyll/site-fixtures/whole-site"), root, { recursive: true });
  const categories = ["databases", "warehouses"];
  for (let i = 0; i < integrations; i++) {
    const category = categories[i % categories.length];
    const text = `---\ntitle: Integration ${i}\ncategory: ${category}\nvendor: ${i % 2 ? "acme" : "globex"}\nport: ${5000 + i}\nsummary: Connect source number ${i}\n---\nIntegration ${i} connects over port ${5000 + i}.\n\n- Open the port\n- Add the key\n- Test the connection\n`;
    writeFileSync(path.join(root, "_integrations", `bench-${i}.md`), text);
  }
  for (let i = 0; i < tutorials; i++) {
    const steps = [1, 2, 3, 4, 5].map((n) => `  - title: Step ${n} of tutorial ${i}\n    anchor: step-${n}`).join("\n");
    const body = [1, 2, 3, 4, 5]
      .map(
        (n) =>
          `## Step ${n} of tutorial ${i} {#step-${n}}\n\n{% include callout.html type="tip" text="Step ${n} matters." %}\n\nRun this:\n\n\`\`\`sh\nssh -N -L ${5400 + n}:db.internal:5432 relay@bastion\n\`\`\`\n\n{% include port-table.html %}\n`,
      )
      .join("\n");
    const text = `---\ntitle: Tutorial ${i}\nsummary: Bench tutorial ${i}\norder: ${i + 10}\nminutes: ${i % 60}\nlevel: beginner\nsteps:\n${steps}\n---\n${body}\n{% include integration-list.html category="warehouses" %}\n`;
    writeFileSync(path.join(root, "_tutorials", `bench-${i}.md`), text);
  }
}

function timed(command: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${run.stderr.toString().slice(-2000)}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const work = values.keep ?? mkdtempSync(path.join(tmpdir(), "bench-jekyll-site-"));
mkdirSync(work, { recursive: true });
const site = path.join(work, "site");
rmSync(site, { recursive: true, force: true });
writeScaledSite(site);
const jekyllOut = path.join(work, "jekyll-out");
const oursOut = path.join(work, "ours-out");
const floor = path.join(work, "floor");
rmSync(floor, { recursive: true, force: true });
await writePlainCorpus(floor, { pages: integrations + tutorials + 2, seed: 1, frame: "site" });
const times = { jekyll: [] as number[], generator: [] as number[], eleventy_floor: [] as number[] };
try {
  for (let run = 0; run < runs; run++) {
    rmSync(jekyllOut, { recursive: true, force: true });
    times.jekyll.push(timed(JEKYLL, ["build", "--source", site, "--destination", jekyllOut, "--disable-disk-cache", "--quiet"], work));
    // The output link and the folder of builds it points into: a build left there would be removed inside the next timed run.
    for (const output of [oursOut, path.join(work, ".ours-out.builds")]) rmSync(output, { recursive: true, force: true });
    times.generator.push(timed(process.execPath, [...generatorCommand("build"), "--source", site, "--destination", oursOut], work));
    rmSync(path.join(floor, "_site"), { recursive: true, force: true });
    times.eleventy_floor.push(timed(process.execPath, eleventyCommand(), floor));
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
const result = {
  pages: integrations + tutorials + 2,
  integrations,
  tutorials,
  runs,
  jekyll_ms: Math.round(median(times.jekyll)),
  generator_ms: Math.round(median(times.generator)),
  ratio: Number((median(times.jekyll) / median(times.generator)).toFixed(2)),
  eleventy_floor_ms: Math.round(median(times.eleventy_floor)),
  floor_ratio: Number((median(times.jekyll) / median(times.eleventy_floor)).toFixed(2)),
  all: times,
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`Jekyll site, ${result.pages} pages (${integrations} integrations, ${tutorials} tutorials), median of ${runs} cold builds:`);
  console.log(`  jekyll 4.3       ${result.jekyll_ms} ms`);
  console.log(`  this generator   ${result.generator_ms} ms (build with its checks and search index)`);
  console.log(`  ratio            ${result.ratio}x (Jekyll / this)`);
  console.log(`  stock Eleventy   ${result.eleventy_floor_ms} ms on ${result.pages} plain pages (the floor): Jekyll / floor ${result.floor_ratio}x`);
}
