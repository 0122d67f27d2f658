import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";

/**
 * Live reload for npm start: the client script (reload-client.js, served same-origin so the pages'
 * CSP lets it run), the tag that loads it, and the event stream that tells open pages what the
 * server now serves. Every change the server makes to what it serves (a build, a fast render)
 * is a new version; versions carry the server's instance, so a restarted server's are new too.
 */

export const EVENTS_PATH = "/__dev/events";
export const CLIENT_PATH = "/__dev/reload.js";

const CLIENT_SOURCE = readFileSync(new URL("./reload-client.js", import.meta.url));
/** How long the browser waits before it reconnects a dropped event stream. */
const RETRY_MS = 1000;

export class LiveReload {
  private readonly clients = new Set<ServerResponse>();
  private readonly instance = randomUUID().slice(0, 8);
  private changes = 0;

  /** The script itself, for CLIENT_PATH. */
  readonly clientSource: Buffer = CLIENT_SOURCE;

  get version(): string {
    return `${this.instance}-${this.changes}`;
  }

  /** The tag that loads the client, for the page served now. */
  scriptTag(): string {
    return `<script src="${CLIENT_PATH}" data-version="${this.version}" defer></script>`;
  }

  /** `html` with the client's tag before `</body>` (at the end if it has none). */
  inject(html: string): string {
    const at = html.lastIndexOf("</body>");
    return at < 0 ? `${html}${this.scriptTag()}\n` : `${html.slice(0, at)}${this.scriptTag()}\n${html.slice(at)}`;
  }

  /** What the server serves changed: open pages reload. */
  announce(): void {
    this.changes++;
    for (const client of this.clients) client.write(`event: build\ndata: ${this.version}\n\n`);
  }

  /** Answers a GET of EVENTS_PATH: the stream stays open until the page or the server closes it. */
  connect(response: ServerResponse): void {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    response.write(`retry: ${RETRY_MS}\nevent: current\ndata: ${this.version}\n\n`);
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
