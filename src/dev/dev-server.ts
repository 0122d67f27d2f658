import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { listFiles } from "../build/list-files.ts";
import { checkSite, type CheckSiteResult } from "../checks/check-site.ts";
import { formatFinding } from "../checks/finding.ts";
import { readSiteSettings, siteDirectories } from "../site/settings.ts";
import { fileForUrlPath } from "../site/serve-path.ts";
import { escapeHtml } from "../site/html.ts";
import { errorPage } from "./error-page.ts";
import { FastRender, type FastRenderedPage } from "./fast-render.ts";
import { CLIENT_PATH, EVENTS_PATH, LiveReload } from "./live-reload.ts";
import { readOutputFile } from "./output-file.ts";
import { refusalOf } from "./request-guard.ts";
import { watchTree } from "./watch-tree.ts";

/**
 * `npm start`: builds the site (with its checks) into _site/, serves it on 127.0.0.1 as a static
 * host would (`/docs/x` from `docs/x.html`), and rebuilds when a source file changes. Only a
 * checked build reaches _site/: an edited tutorial's page rendered at once (the fast path) is
 * served from memory until the full build that follows decides. Open pages reload themselves
 * after each change (see live-reload.ts); while the site has errors, every page shows them,
 * located, and the last good build stays in _site/. It answers this machine's GETs and HEADs
 * only (request-guard.ts) and never reads outside _site/ (output-file.ts).
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

/** Sent with everything: no guessing of types, no embedding by other sites. */
const COMMON_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff", "cross-origin-resource-policy": "same-origin" };
/** For the pages the server writes itself (error page, 404): only the reload client runs. */
const OWN_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function readBaseurl(dataDir: string): string {
  try {
    return readSiteSettings(dataDir).baseurl;
  } catch {
    return "";
  }
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { root } = options;
  const dirs = siteDirectories(root);
  const log = options.log ?? ((line: string) => console.log(line));
  const reload = new LiveReload();
  const waiting: Array<(report: BuildReport) => void> = [];
  let files = new Set<string>();
  let latest: BuildReport;
  let buildCount = 0;
  const fastRender = new FastRender(dirs);
  /**
   * Pages the fast path rendered, by output file: served in place of _site/'s until a full build
   * that started after the render finishes (whether it publishes them or fails its checks).
   */
  const previews = new Map<string, { html: string; afterBuild: number }>();

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
    previews.set(page.file, { html: page.html, afterBuild });
    log(`Rendered ${path.relative(root, file)} in ${Date.now() - startedAt} ms; the full build follows`);
    reload.announce();
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
    for (const [file, preview] of previews) if (preview.afterBuild < number) previews.delete(file);
    latest = report;
    reload.announce();
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

  /** Answers with `body`, its length and the common headers; HEAD gets the same headers alone. */
  function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    response.writeHead(status, { ...COMMON_HEADERS, ...headers, "content-length": String(bytes.length) });
    response.end(request.method === "HEAD" ? undefined : bytes);
  }

  /** A page the server writes itself, in the browser that asked: reloads with the site. */
  function sendOwnPage(request: IncomingMessage, response: ServerResponse, status: number, html: string) {
    send(request, response, status, { "content-type": "text/html; charset=utf-8", "content-security-policy": OWN_PAGE_CSP }, html);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (response.headersSent) return void response.destroy();
      send(request, response, 500, { "content-type": "text/plain; charset=utf-8" }, String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const refusal = refusalOf(request, port);
    if (refusal) {
      send(request, response, refusal.status, { ...refusal.headers, "content-type": "text/plain; charset=utf-8" }, `${refusal.message}\n`);
      return;
    }
    // Parsed as a path (refusalOf saw it start with /): `//x` is a path here, not a host.
    const urlPath = new URL(`http://dev-server${request.url}`).pathname;
    if (urlPath === EVENTS_PATH) {
      if (request.method === "HEAD") send(request, response, 200, { "content-type": "text/event-stream" }, "");
      else reload.connect(response);
      return;
    }
    if (urlPath === CLIENT_PATH) {
      send(request, response, 200, { "content-type": "text/javascript; charset=utf-8" }, reload.clientSource);
      return;
    }
    const baseurl = readBaseurl(dirs.data);
    if (baseurl !== "" && urlPath === "/") {
      send(request, response, 302, { location: `${baseurl}/` }, "");
      return;
    }
    const file = fileForUrlPath(files, urlPath);
    const broken = latest.failure !== undefined || (latest.result !== undefined && !latest.result.published);
    if (broken && (!file || file.endsWith(".html"))) {
      const findings = latest.failure
        ? [{ file: "(build)", line: 1, column: 1, severity: "error" as const, check: "build", message: latest.failure }]
        : (latest.result?.findings ?? []);
      sendOwnPage(request, response, 500, errorPage(root, findings, reload.scriptTag()));
      return;
    }
    const preview = file === undefined ? undefined : previews.get(file)?.html;
    const body = preview ?? (file === undefined ? undefined : await readOutputFile(dirs.output, file));
    if (file === undefined || body === undefined) {
      const shown = escapeHtml(urlPath);
      sendOwnPage(request, response, 404, reload.inject(`<!doctype html><html lang="en"><title>Not found</title><body><p>Nothing is built at ${shown}.</p></body></html>`));
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    send(request, response, 200, { "content-type": type }, file.endsWith(".html") ? reload.inject(body.toString("utf8")) : body);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    latest: () => latest,
    nextBuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      clearTimeout(timer);
      watcher.close();
      reload.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running;
    },
  };
}
