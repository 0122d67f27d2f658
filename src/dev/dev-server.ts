import path from "node:path";
import { type Finding, formatFinding } from "../checks/finding.ts";
import { siteDirectoriesFor } from "../model/theme.ts";
import type { PipelineResult } from "../pipeline/run-pipeline.ts";
import type { FastRender, FastRenderedPage } from "./fast-render.ts";
import { HttpThread } from "./http-thread.ts";
import { watchTree } from "./watch-tree.ts";

/**
 * `npm start`: builds the site (with its checks) into _site/, serves it on 127.0.0.1 (from a
 * thread of its own, see http-server.ts) and rebuilds when a source file changes. Only a
 * checked build reaches _site/: an edited tutorial's page rendered at once (the fast path) is
 * served from memory until the full build that follows decides. Open pages reload themselves
 * after each change; while the site has errors, every page shows them, located, and the last
 * good build stays in _site/.
 */

export interface DevServerOptions {
  root: string;
  /** Where the site is built; default `<root>/_site`. */
  outputDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Called with each build's report lines (the terminal). */
  log?: (line: string) => void;
  /** Milliseconds to wait for more changes before rebuilding. */
  debounceMs?: number;
  /** Build drafts too, each marked as a draft (`start --drafts`; see PipelineOptions.drafts). */
  drafts?: boolean;
}

export interface BuildReport {
  result?: Omit<PipelineResult, "rendered">;
  /** A crash of the build itself (not a finding). */
  failure?: string;
  /** When the build started and how long it took, in milliseconds. */
  startedAt: number;
  durationMs: number;
  /** Which build this is (1 = the first). */
  number: number;
}

export interface DevServer {
  url: string;
  /** Resolves when the server has stopped: undefined after close(), else what stopped it. */
  stopped: Promise<string | undefined>;
  /** The latest finished build. */
  latest(): BuildReport;
  /** Resolves with the next build that finishes. */
  nextBuild(): Promise<BuildReport>;
  close(): Promise<void>;
}

/** What the server shows for the site after a build: every page is the error page while broken. */
function servedFindings(report: BuildReport): { broken: boolean; findings: Finding[] } {
  if (report.failure !== undefined) {
    return { broken: true, findings: [{ file: "(build)", line: 1, column: 1, severity: "error", check: "build", message: report.failure }] };
  }
  return { broken: !report.result?.published, findings: report.result?.findings ?? [] };
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { root } = options;
  const dirs = siteDirectoriesFor(root, options.outputDir);
  const log = options.log ?? ((line: string) => console.log(line));
  const waiting: Array<(report: BuildReport) => void> = [];
  let latest: BuildReport;
  let buildCount = 0;
  let baseurl = "";
  // Listening first: a port that is taken is said before a build takes seconds, and before the
  // build's modules are loaded (half a second of CPU, for nothing when the port is taken).
  const http = new HttpThread({ root, outputDir: dirs.output, port: options.port ?? 0 });
  let fastRender: FastRender;
  let runPipeline: typeof import("../pipeline/run-pipeline.ts").runPipeline;

  /** The fast path for one edited tutorial (see FastRender): the full build still follows. */
  async function renderAtOnce(file: string): Promise<void> {
    const startedAt = Date.now();
    const afterBuild = buildCount;
    let page: FastRenderedPage | undefined;
    try {
      page = await fastRender.render(file);
    } catch {
      return; // The full build reports whatever went wrong.
    }
    // Nothing to show, or a build that saw this edit finished while it rendered.
    if (!page || latest.number > afterBuild) return;
    // Shown from memory, until a full build that saw the edit has ended: never written to _site/.
    await http.update({ type: "preview", file: page.file, html: page.html, afterBuild });
    log(`Rendered ${path.relative(root, file)} in ${Date.now() - startedAt} ms; the full build follows`);
  }

  async function build(): Promise<BuildReport> {
    const startedAt = Date.now();
    const number = ++buildCount;
    let report: BuildReport;
    try {
      const { rendered, ...result } = await runPipeline({ root, outputDir: dirs.output, publish: true, drafts: options.drafts ?? false });
      fastRender.buildFinished(rendered, result.published);
      baseurl = rendered?.model.settings.baseurl ?? baseurl;
      report = { result, startedAt, durationMs: Date.now() - startedAt, number };
      for (const f of result.findings) log(formatFinding(f));
      log(
        result.published
          ? `Built in ${report.durationMs} ms${result.warnings ? ` (${result.warnings} warning${result.warnings === 1 ? "" : "s"})` : ""}`
          : `${result.errors} error${result.errors === 1 ? "" : "s"}: the site was not updated (${report.durationMs} ms)`,
      );
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      report = { failure, startedAt, durationMs: Date.now() - startedAt, number };
      log(`error: the build crashed: ${failure}`);
    }
    await http.update({ type: "built", number, ...servedFindings(report), baseurl });
    latest = report;
    for (const resolve of waiting.splice(0)) resolve(report);
    return report;
  }

  // One build at a time; changes during a build start one more afterwards.
  let running: Promise<unknown> = Promise.resolve();
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string | undefined>();
  function scheduleBuild(file: string | undefined) {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      // Editors save through temporary files (`.name.swp`, `name~`, `.saving-name`): left aside.
      const edited = files.filter((name) => name === undefined || !(path.basename(name).startsWith(".") || name.endsWith("~")));
      // The fast path first, on its own: the full build's first steps would hold it up.
      const rendered = edited.length === 1 && edited[0]?.endsWith(".md") ? renderAtOnce(edited[0]) : Promise.resolve();
      if (pending) return;
      pending = true;
      running = Promise.all([running, rendered]).then(() => {
        pending = false;
        return build();
      });
    }, options.debounceMs ?? 30);
  }

  let port: number;
  try {
    port = await http.port;
  } catch (error) {
    await http.close();
    throw error;
  }
  ({ runPipeline } = await import("../pipeline/run-pipeline.ts"));
  fastRender = new (await import("./fast-render.ts")).FastRender();
  latest = await build();
  const watcher = watchTree([...new Set([dirs.input, dirs.includes, dirs.layouts, dirs.data])], scheduleBuild);
  const stopped = http.stopped.then((reason) => {
    clearTimeout(timer);
    watcher.close();
    if (reason !== undefined) log(`error: the server stopped: ${reason}`);
    return reason;
  });

  return {
    url: `http://127.0.0.1:${port}`,
    stopped,
    latest: () => latest,
    nextBuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      clearTimeout(timer);
      watcher.close();
      await http.close();
      await running;
    },
  };
}
