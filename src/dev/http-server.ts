import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Finding } from "../checks/finding.ts";
import { listFiles } from "../model/files.ts";
import { fileForUrlPath } from "../model/served-files.ts";
import { escapeHtml } from "../support/html.ts";
import { errorPage } from "./error-page.ts";
import { CLIENT_PATH, EVENTS_PATH, LiveReload } from "./live-reload.ts";
import { readOutputFile } from "./output-file.ts";
import { refusalOf } from "./request-guard.ts";

/**
 * npm start's HTTP side, on a thread of its own (http-thread.ts) so that it answers while a
 * build keeps the main thread busy: the page the fast path rendered reaches the browser at
 * once, with its styles and scripts. It serves _site/ as a static host would (`/docs/x` from
 * `docs/x.html`), the fast path's pages from memory in place of theirs, the error page for every
 * page while the site has errors, and the live-reload client; it tells open pages to reload
 * after each update. It answers this machine's GETs and HEADs only (request-guard.ts) and never
 * reads outside _site/ (output-file.ts).
 */

export interface HttpServerConfig {
  root: string;
  outputDir: string;
  /** 0 picks a free port. */
  port: number;
}

/** What changes what the server serves. */
export type ServedUpdate =
  /** A page the fast path rendered: served until a full build numbered above `afterBuild` ends. */
  | { type: "preview"; file: string; html: string; afterBuild: number }
  /** A full build ended: _site/ is as it left it. `findings` stand for every page while `broken`. */
  | { type: "built"; number: number; broken: boolean; findings: Finding[]; baseurl: string };

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
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/** Sent with everything: no guessing of types, no embedding by other sites. */
const COMMON_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff", "cross-origin-resource-policy": "same-origin" };
/** For the pages the server writes itself (error page, 404): only the reload client runs. */
const OWN_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Answers with `body`, its length and the common headers; HEAD gets the same headers alone. */
function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  response.writeHead(status, { ...COMMON_HEADERS, ...headers, "content-length": String(bytes.length) });
  response.end(request.method === "HEAD" ? undefined : bytes);
}

/** A page the server writes itself, in the browser that asked: it reloads with the site. */
function sendOwnPage(request: IncomingMessage, response: ServerResponse, status: number, html: string) {
  send(request, response, status, { "content-type": "text/html; charset=utf-8", "content-security-policy": OWN_PAGE_CSP }, html);
}

export class DevHttpServer {
  private readonly reload = new LiveReload();
  private files = new Set<string>();
  /** The fast path's pages, by output file, with the build they wait for. */
  private readonly previews = new Map<string, { html: string; afterBuild: number }>();
  private broken = false;
  private findings: Finding[] = [];
  /** The site's base URL as the last build read it: `/` leads there. */
  private baseurl = "";
  private readonly server = createServer((request, response) => {
    this.handle(request, response).catch((error) => {
      if (response.headersSent) return void response.destroy();
      send(request, response, 500, { "content-type": "text/plain; charset=utf-8" }, String(error));
    });
  });
  private port = 0;

  constructor(private readonly config: HttpServerConfig) {}

  /** Listens on 127.0.0.1; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", (error: NodeJS.ErrnoException) => {
        const taken = error.code === "EADDRINUSE";
        reject(
          taken
            ? new Error(
                `port ${this.config.port} of 127.0.0.1 is taken (is npm start running already?); choose another with --port N (or PORT=N), or --port 0 for any free one`,
              )
            : error,
        );
      });
      this.server.listen(this.config.port, "127.0.0.1", () => {
        this.server.removeAllListeners("error");
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  /** Applies an update; open pages are told to reload. */
  async apply(update: ServedUpdate): Promise<void> {
    if (update.type === "preview") {
      this.previews.set(update.file, { html: update.html, afterBuild: update.afterBuild });
    } else {
      this.files = new Set(await listFiles(this.config.outputDir));
      for (const [file, preview] of this.previews) if (preview.afterBuild < update.number) this.previews.delete(file);
      this.broken = update.broken;
      this.findings = update.findings;
      this.baseurl = update.baseurl;
    }
    this.reload.announce();
  }

  /** Stops at once: open event streams and connections too. */
  close(): Promise<void> {
    this.reload.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = refusalOf(request, this.port);
    if (refusal) {
      send(request, response, refusal.status, { ...refusal.headers, "content-type": "text/plain; charset=utf-8" }, `${refusal.message}\n`);
      return;
    }
    // Parsed as a path (refusalOf saw it start with /): `//x` is a path here, not a host.
    const urlPath = new URL(`http://dev-server${request.url}`).pathname;
    if (urlPath === EVENTS_PATH) {
      if (request.method === "HEAD") send(request, response, 200, { "content-type": "text/event-stream" }, "");
      else this.reload.connect(response);
      return;
    }
    if (urlPath === CLIENT_PATH) {
      send(request, response, 200, { "content-type": "text/javascript; charset=utf-8" }, this.reload.clientSource);
      return;
    }
    if (this.baseurl !== "" && urlPath === "/") {
      send(request, response, 302, { location: `${this.baseurl}/` }, "");
      return;
    }
    const file = fileForUrlPath(this.files, urlPath);
    if (this.broken && (!file || file.endsWith(".html"))) {
      sendOwnPage(request, response, 500, errorPage(this.config.root, this.findings, this.reload.scriptTag()));
      return;
    }
    const body = file === undefined ? undefined : (this.previews.get(file)?.html ?? (await readOutputFile(this.config.outputDir, file)));
    if (file === undefined || body === undefined) {
      const page = `<!doctype html><html lang="en"><title>Not found</title><body><p>Nothing is built at ${escapeHtml(urlPath)}.</p></body></html>`;
      sendOwnPage(request, response, 404, this.reload.inject(page));
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    send(request, response, 200, { "content-type": type }, file.endsWith(".html") ? this.reload.inject(body.toString()) : body);
  }
}
