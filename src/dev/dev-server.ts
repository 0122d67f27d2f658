import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { listFiles } from "../build/list-files.ts";
import { checkSite, type CheckSiteResult } from "../checks/check-site.ts";
import { formatFinding } from "../checks/finding.ts";
import { readSiteSettings, siteDirectories } from "../site/settings.ts";
import { fileForUrlPath } from "../site/serve-path.ts";
import { errorPage } from "./error-page.ts";
import { FastRender } from "./fast-render.ts";
import { watchTree } from "./watch-tree.ts";

/**
 * `npm start`: builds the site (with its checks) into _site/, serves it on 127.0.0.1 as a static
 * host would (`/docs/x` from `docs/x.html`), and rebuilds when a source file changes. Open pages
 * reload themselves after each build (server-sent events); while the site has errors, every page
 * shows them, located, and the last good build stays in _site/.
 */
export interface DevServerOptions {
  root: string;
  /** 0 picks a free port. */
  port?: number;
  /** Called with each build's report lines (the terminal). */
  log?: (line: string) => void;
  /** Milliseconds to wait for more changes before rebuilding. */
  debounceMs?: number;
}

export interface BuildReport {
  result?: CheckSiteResult;
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
  /** The latest finished build. */
  latest(): BuildReport;
  /** Resolves with the next build that finishes. */
  nextBuild(): Promise<BuildReport>;
  close(): Promise<void>;
}

const EVENTS_PATH = "/__dev/events";
const RELOAD_SCRIPT = `<script>
(() => {
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener("build", () => location.reload());
})();
</script>`;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".woff2": "font/woff2",
};

function readBaseurl(dataDir: string): string {
  try {
    return readSiteSettings(dataDir).baseurl;
  } catch {
    return "";
  }
}

function withReloadScript(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at < 0 ? html + RELOAD_SCRIPT : html.slice(0, at) + RELOAD_SCRIPT + "\n" + html.slice(at);
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { root } = options;
  const dirs = siteDirectories(root);
  const log = options.log ?? ((line: string) => console.log(line));
  const clients = new Set<ServerResponse>();
  const waiting: Array<(report: BuildReport) => void> = [];
  let files = new Set<string>();
  let latest: BuildReport;
  let buildCount = 0;
  const fastRender = new FastRender(dirs);

  /** The fast path for one edited tutorial (see FastRender): the full build still follows. */
  async function renderAtOnce(file: string): Promise<void> {
    const startedAt = Date.now();
    try {
      if (!(await fastRender.render(file))) return;
    } catch {
      return; // The full build reports whatever went wrong.
    }
    log(`Rendered ${path.relative(root, file)} in ${Date.now() - startedAt} ms; the full build follows`);
    for (const client of clients) client.write(`event: build\ndata: ${buildCount}\n\n`);
  }

  async function build(): Promise<BuildReport> {
    const startedAt = Date.now();
    const number = ++buildCount;
    let report: BuildReport;
    try {
      const result = await checkSite({ root, publish: true, configure: fastRender.configure });
      fastRender.buildFinished(result.published);
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
    files = new Set(await listFiles(dirs.output));
    latest = report;
    for (const client of clients) client.write(`event: build\ndata: ${report.number}\n\n`);
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

  latest = await build();

  const watcher = watchTree([dirs.input, dirs.includes, dirs.data], scheduleBuild);

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const urlPath = new URL(request.url ?? "/", "http://localhost").pathname;
    if (urlPath === EVENTS_PATH) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      response.write(": connected\n\n");
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    const baseurl = readBaseurl(dirs.data);
    if (baseurl !== "" && urlPath === "/") {
      response.writeHead(302, { location: `${baseurl}/` });
      response.end();
      return;
    }
    const file = fileForUrlPath(files, urlPath);
    const broken = latest.failure !== undefined || (latest.result !== undefined && !latest.result.published);
    if (broken && (!file || file.endsWith(".html"))) {
      const findings = latest.result?.findings ?? [];
      const body = latest.failure
        ? errorPage(root, [{ file: "(build)", line: 1, column: 1, severity: "error", check: "build", message: latest.failure }], RELOAD_SCRIPT)
        : errorPage(root, findings, RELOAD_SCRIPT);
      response.writeHead(500, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(body);
      return;
    }
    if (!file) {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      response.end(withReloadScript(`<!doctype html><title>Not found</title><p>Nothing is built at ${urlPath.replace(/[<>&"]/g, "")}.</p>`));
      return;
    }
    const body = await readFile(path.join(dirs.output, file));
    const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    response.end(file.endsWith(".html") ? withReloadScript(body.toString("utf8")) : body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    latest: () => latest,
    nextBuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      clearTimeout(timer);
      watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running;
    },
  };
}
