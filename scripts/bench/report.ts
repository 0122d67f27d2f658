// The benchmark's report: the `--json` shape, the issue's targets (issue 12) and the printed table.

/**
 * What a row ran: `build` is `npm run build` (checks and the search index), `check` is
 * `npm run check` (the same build and checks, no index), `floor` is stock Eleventy on as many
 * plain pages in a site-like frame as the corpus has page files (what the targets compare with),
 * `floor-n` the floor before issue 12 (N plain pages, a bare layout; `--n-floor`).
 */
export type RowKind = "build" | "check" | "floor" | "floor-n";

export interface ResultRow {
  /** `own site` (this repository's site, N = 0) or `N=<n>` (the site plus N tutorials and N collection pages). */
  corpus: string;
  /** Synthetic tutorials in the corpus. */
  n: number;
  kind: RowKind;
  /** Page files the build was given (the floor: as many as the corpus it is compared with). */
  source_pages: number;
  /** HTML files it wrote. */
  html_pages: number;
  wall_ms_median: number;
  wall_ms_min: number;
  wall_ms_max: number;
  /** Median wall time / source pages. */
  per_page_ms: number;
  /** Median user + system CPU time of the process and the children it waited for (the indexer's). */
  cpu_ms_median: number;
  /** The highest over the runs of the Node process's own peak RSS (its threads included, not its children). */
  node_peak_rss_mb: number;
  /** The same for the search indexer (Pagefind's process), apart; null where none ran. */
  indexer_peak_rss_mb: number | null;
  /** The most all the run's processes held at once (the highest over the runs). */
  tree_peak_rss_mb: number;
  /** This row over the `floor` row of its corpus: wall, CPU, Node peak RSS (null on floor rows). */
  x_floor: { wall: number | null; cpu: number | null; node_rss: number | null } | null;
}

export interface TargetCheck {
  target: string;
  value: number | null;
  limit: number;
  /** `value <= limit`, `value < limit` (under), or `value >= limit` (at least). */
  rule: "at most" | "under" | "at least";
  /** The figures the value comes from. */
  detail: string;
  met: boolean | null;
}

export interface BenchReport {
  machine: {
    cpu: string;
    cores: number;
    memory_gb: number;
    os: string;
    node: string;
    load_average_at_start: number[];
    load_average_at_end: number[];
  };
  /** How the generator was started (see commands.ts). */
  generator: string;
  corpus: Record<string, unknown>;
  results: ResultRow[];
  incremental_ms: number | null;
  /** The corpus size the incremental rebuild was measured at. */
  incremental_n: number | null;
  incremental_samples_ms: number[];
  /** The same edit-to-disk time for one page of the floor under stock Eleventy's watcher. */
  incremental_floor_ms: number | null;
  incremental_floor_samples_ms: number[];
  /** Median milliseconds of each stage of `npm run build` (`eleventy`, then post-build stages), by corpus. */
  stages: Record<string, Record<string, number>>;
  /** Jekyll 4.3 against this generator on a Jekyll site tree (jekyll-site.ts); null when skipped. */
  jekyll_site: JekyllSiteResult | null;
  targets: TargetCheck[];
}

/** What scripts/bench/jekyll-site.ts prints with --json. */
export interface JekyllSiteResult {
  pages: number;
  integrations: number;
  tutorials: number;
  runs: number;
  jekyll_ms: number;
  generator_ms: number;
  /** Jekyll's median wall time over this generator's. */
  ratio: number;
  /** Stock Eleventy on as many plain pages (the floor's frame): the stack's own cost. */
  eleventy_floor_ms: number;
  /** Jekyll's median wall time over the floor's: the most this generator's ratio could be. */
  floor_ratio: number;
  all: { jekyll: number[]; generator: number[]; eleventy_floor: number[] };
}

const find = (results: ResultRow[], n: number, kind: RowKind) => results.find((row) => row.n === n && row.kind === kind);
export const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? Math.round((a / b) * 100) / 100 : null);

/** Each of a row's figures over its corpus's floor. */
export function overFloor(row: Omit<ResultRow, "x_floor">, floor: Omit<ResultRow, "x_floor"> | undefined): ResultRow["x_floor"] {
  if (row.kind === "floor" || row.kind === "floor-n") return null;
  return {
    wall: ratio(row.wall_ms_median, floor?.wall_ms_median),
    cpu: ratio(row.cpu_ms_median, floor?.cpu_ms_median),
    node_rss: ratio(row.node_peak_rss_mb, floor?.node_peak_rss_mb),
  };
}

type Figure = "wall_ms_median" | "cpu_ms_median" | "node_peak_rss_mb" | "per_page_ms";
const UNIT: Record<Figure, string> = { wall_ms_median: "ms wall", cpu_ms_median: "ms CPU", node_peak_rss_mb: "MB", per_page_ms: "ms/page" };

/** `a.figure / b.figure` against `limit` (at most), with the two figures for the report. */
function compare(target: string, a: ResultRow | undefined, b: ResultRow | undefined, figure: Figure, limit: number): TargetCheck {
  const value = ratio(a?.[figure], b?.[figure]);
  const detail = a && b ? `${a[figure]} / ${b[figure]} ${UNIT[figure]}` : "not in this run";
  return { target, value, limit, rule: "at most", detail, met: value === null ? null : value <= limit };
}

/** The issue's targets (2-core reference machine), where this run measured them; `null` where it did not. */
export function checkTargets(
  results: ResultRow[],
  incremental: { n: number; ms: number } | undefined,
  jekyllSite: JekyllSiteResult | null = null,
): TargetCheck[] {
  const at = (n: number, kind: RowKind) => find(results, n, kind);
  const incrementalMs = incremental ? Math.round(incremental.ms) : null;
  return [
    compare("own site: npm run build / floor, wall", at(0, "build"), at(0, "floor"), "wall_ms_median", 1.5),
    compare("own site: npm run build / floor, CPU", at(0, "build"), at(0, "floor"), "cpu_ms_median", 1.5),
    compare("N=4000: npm run check / floor, wall", at(4000, "check"), at(4000, "floor"), "wall_ms_median", 2),
    compare("N=4000: npm run build / floor, wall", at(4000, "build"), at(4000, "floor"), "wall_ms_median", 3),
    compare("N=4000: npm run build / floor, Node peak RSS (indexer apart)", at(4000, "build"), at(4000, "floor"), "node_peak_rss_mb", 3),
    compare("npm run build per page: N=4000 / N=1000", at(4000, "build"), at(1000, "build"), "per_page_ms", 1.2),
    {
      target: `incremental rebuild under npm start (ms${incremental ? `, N=${incremental.n}` : ""})`,
      value: incrementalMs,
      limit: 100,
      rule: "under",
      detail: incrementalMs === null ? "not in this run" : "median edit to served page",
      met: incrementalMs === null ? null : incrementalMs < 100,
    },
    {
      // Issue 13: far faster than Jekyll on a Jekyll site; 2x is the aim.
      target: "Jekyll site: Jekyll 4.3 / this generator, wall",
      value: jekyllSite?.ratio ?? null,
      limit: 2,
      rule: "at least",
      detail: jekyllSite ? `${jekyllSite.jekyll_ms} / ${jekyllSite.generator_ms} ms, ${jekyllSite.pages} pages` : "not in this run",
      met: jekyllSite ? jekyllSite.ratio >= 2 : null,
    },
  ];
}

function table(header: string[], rows: string[][], leftColumns = 2): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

const KIND_LABEL: Record<RowKind, string> = { build: "npm run build", check: "npm run check", floor: "floor", "floor-n": "floor, N bare" };
const cell = (value: number | null | undefined, digits = 0) => (value == null ? "-" : value.toFixed(digits));

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB, ${m.os}, Node ${m.node}`);
  out.push(`Load average (1, 5, 15 min): ${m.load_average_at_start.join(" ")} at start, ${m.load_average_at_end.join(" ")} at end`);
  out.push(`Generator: ${report.generator}`);
  out.push("");
  out.push(
    table(
      [
        "corpus",
        "kind",
        "pages",
        "HTML",
        "median ms",
        "min ms",
        "max ms",
        "ms/page",
        "CPU ms",
        "Node RSS MB",
        "indexer RSS MB",
        "all RSS MB",
        "x floor wall",
        "x floor CPU",
        "x floor RSS",
      ],
      report.results.map((row) => [
        row.corpus,
        KIND_LABEL[row.kind],
        String(row.source_pages),
        String(row.html_pages),
        cell(row.wall_ms_median),
        cell(row.wall_ms_min),
        cell(row.wall_ms_max),
        cell(row.per_page_ms, 2),
        cell(row.cpu_ms_median),
        cell(row.node_peak_rss_mb, 1),
        cell(row.indexer_peak_rss_mb, 1),
        cell(row.tree_peak_rss_mb, 1),
        cell(row.x_floor?.wall, 2),
        cell(row.x_floor?.cpu, 2),
        cell(row.x_floor?.node_rss, 2),
      ]),
    ),
  );
  out.push(
    "",
    "npm run build: checks, build and search index; npm run check: the same without the index. floor: stock Eleventy,",
    "no config, as many plain pages in a site-like frame as the corpus has page files (the targets' floor).",
    "pages: page files given; HTML: files written. CPU: the process and the children it waited for. Node RSS: the",
    "build's Node process (threads included); indexer RSS: Pagefind's process, apart; all RSS: all processes at once.",
    "",
  );
  const stageNames = [...new Set(Object.values(report.stages).flatMap((timings) => Object.keys(timings)))];
  if (stageNames.length > 0) {
    out.push("Stages (median ms of npm run build):");
    out.push(
      table(
        ["corpus", ...stageNames],
        Object.entries(report.stages).map(([corpus, timings]) => [corpus, ...stageNames.map((name) => String(timings[name] ?? ""))]),
        1,
      ),
    );
    out.push("");
  }
  if (report.incremental_ms !== null) {
    out.push(
      `Incremental rebuild at N=${report.incremental_n} (one tutorial edited under npm start): median ${report.incremental_ms} ms; samples ${report.incremental_samples_ms.join(", ")} ms`,
    );
    if (report.incremental_floor_ms !== null) {
      out.push(
        `  stock Eleventy --watch --incremental, one floor page edited: median ${report.incremental_floor_ms} ms; samples ${report.incremental_floor_samples_ms.join(", ")} ms`,
      );
    }
    out.push("");
  }
  if (report.jekyll_site) {
    const site = report.jekyll_site;
    out.push(
      `Jekyll site (${site.pages} pages: ${site.integrations} integrations, ${site.tutorials} tutorials), median of ${site.runs} cold builds each, alternately:`,
      `  jekyll 4.3 ${site.jekyll_ms} ms (${site.all.jekyll.map(Math.round).join(", ")}), this generator ${site.generator_ms} ms (${site.all.generator.map(Math.round).join(", ")}): ${site.ratio}x`,
      `  stock Eleventy on ${site.pages} plain pages ${site.eleventy_floor_ms} ms (${site.all.eleventy_floor.map(Math.round).join(", ")}): Jekyll / floor ${site.floor_ratio}x, the most the stack allows`,
      "",
    );
  }
  out.push("Targets:");
  out.push(
    table(
      ["target", "value", "limit", "figures", "status"],
      report.targets.map((target) => [
        target.target,
        cell(target.value, target.limit >= 100 ? 0 : 2),
        `${target.rule === "under" ? "<" : target.rule === "at least" ? ">=" : "<="} ${target.limit}`,
        target.detail,
        target.met === null ? "not measured" : target.met ? "met" : "MISSED",
      ]),
      1,
    ),
  );
  return out.join("\n");
}
