/** The benchmark's report: the `--json` shape, the targets, and the printed table. */
export interface ResultRow {
  n: number;
  kind: string;
  /** HTML pages written (the tutorial corpus also has N collection pages and the site's own). */
  pages: number;
  wall_ms_median: number;
  wall_ms_min: number;
  wall_ms_max: number;
  /** Median wall time / N. */
  per_page_ms: number;
  /** Median user + system CPU time of the build process. */
  cpu_ms_median: number;
  /** The highest peak RSS over the runs, of the build's largest process (the search indexer's included). */
  peak_rss_mb: number;
  /** The most the build's processes held at once, all together (the highest over the runs). */
  tree_peak_rss_mb: number;
  /** The same for the build's own Node process (Eleventy, checks). */
  node_peak_rss_mb: number;
}

export interface TargetCheck {
  target: string;
  value: number | null;
  limit: number;
  met: boolean | null;
}

export interface BenchReport {
  machine: Record<string, unknown>;
  corpus: Record<string, unknown>;
  results: ResultRow[];
  incremental_ms: number | null;
  /** The corpus size the incremental rebuild was measured at. */
  incremental_n: number | null;
  incremental_samples_ms: number[];
  /** The same edit-to-disk time for one page of the plain corpus under stock Eleventy's watcher. */
  incremental_floor_ms: number | null;
  incremental_floor_samples_ms: number[];
  /** Median milliseconds of each build stage (`eleventy`, then post-build stages), by N. */
  stages: Record<string, Record<string, number>>;
  targets: TargetCheck[];
}

const find = (results: ResultRow[], n: number, kind: string) => results.find((row) => row.n === n && row.kind === kind);
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : null);

function check(target: string, value: number | null, limit: number): TargetCheck {
  return { target, value, limit, met: value === null ? null : value <= limit };
}

/** The targets (2-core reference machine), where this run measured them. */
export function checkTargets(results: ResultRow[], incremental: { n: number; ms: number } | undefined): TargetCheck[] {
  const tutorial4000 = find(results, 4000, "tutorial");
  const floor4000 = find(results, 4000, "eleventy-floor")?.wall_ms_median;
  return [
    // The issue lets the search index be reported apart: the target is the build with its checks.
    check("tutorial without search index / eleventy-floor wall time at N=4000", ratio(find(results, 4000, "tutorial-no-search")?.wall_ms_median, floor4000), 2),
    check("tutorial (search index included) / eleventy-floor wall time at N=4000", ratio(tutorial4000?.wall_ms_median, floor4000), 2),
    check("per-page time N=4000 / N=1000 (tutorial)", ratio(tutorial4000?.per_page_ms, find(results, 1000, "tutorial")?.per_page_ms), 1.2),
    check("peak RSS at N=4000 (MB, tutorial, largest process)", tutorial4000?.peak_rss_mb ?? null, 600),
    check("peak RSS at N=4000 (MB, tutorial, the Node build process alone)", tutorial4000?.node_peak_rss_mb ?? null, 600),
    check("peak RSS at N=4000 (MB, tutorial without search index, Node process)", find(results, 4000, "tutorial-no-search")?.node_peak_rss_mb ?? null, 600),
    check("incremental rebuild at N=1000 (ms)", incremental?.n === 1000 ? Math.round(incremental.ms) : null, 300),
  ];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}, Node ${m.node}, load ${(m.load_average_at_start as number[]).join(" ")}`);
  out.push("");
  out.push(
    table(
      ["N", "kind", "pages", "median ms", "min ms", "max ms", "ms/page", "CPU ms", "peak RSS MB", "all RSS MB", "Node RSS MB", "x floor"],
      report.results.map((row) => [
        String(row.n),
        row.kind,
        String(row.pages),
        String(row.wall_ms_median),
        String(row.wall_ms_min),
        String(row.wall_ms_max),
        row.per_page_ms.toFixed(3),
        String(row.cpu_ms_median),
        row.peak_rss_mb.toFixed(1),
        row.tree_peak_rss_mb.toFixed(1),
        row.node_peak_rss_mb.toFixed(1),
        row.kind.startsWith("tutorial") ? String(ratio(row.wall_ms_median, find(report.results, row.n, "eleventy-floor")?.wall_ms_median) ?? "") : "",
      ]),
    ),
  );
  out.push("");
  const stageNames = [...new Set(Object.values(report.stages).flatMap((timings) => Object.keys(timings)))];
  if (stageNames.length > 0) {
    out.push("Stages (median ms of the tutorial builds):");
    out.push(table(["N", ...stageNames], Object.entries(report.stages).map(([n, timings]) => [n, ...stageNames.map((name) => String(timings[name] ?? ""))])));
    out.push("");
  }
  if (report.incremental_ms !== null) {
    out.push(`Incremental rebuild at N=${report.incremental_n} (one tutorial edited under npm start): median ${report.incremental_ms} ms; samples ${report.incremental_samples_ms.join(", ")} ms`);
    if (report.incremental_floor_ms !== null) {
      out.push(`  stock Eleventy --watch --incremental, one plain page edited: median ${report.incremental_floor_ms} ms; samples ${report.incremental_floor_samples_ms.join(", ")} ms`);
    }
    out.push("");
  }
  out.push("Targets:");
  for (const target of report.targets) {
    const verdict = target.met === null ? "not measured" : target.met ? "met" : "MISSED";
    out.push(`  ${target.target}: ${target.value ?? "-"} (limit ${target.limit}) ${verdict}`);
  }
  return out.join("\n");
}
