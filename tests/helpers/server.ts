import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { listFiles } from "../../src/model/files.ts";
import { fileForUrlPath } from "../../src/model/served-files.ts";

/** A built site served on 127.0.0.1 the way a static host serves it (see fileForUrlPath). */
export interface SiteServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".wasm": "application/wasm",
};

/**
 * Serves `outputDir`; unknown paths get `notFoundPage` (a file below it) with status 404, as the
 * site's `_redirects` asks of a host.
 */
export async function serveSite(outputDir: string, notFoundPage?: string): Promise<SiteServer> {
  const files = new Set(await listFiles(outputDir));
  const server: Server = createServer(async (request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = fileForUrlPath(files, urlPath);
    const served = file ?? (notFoundPage && files.has(notFoundPage) ? notFoundPage : undefined);
    if (!served) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const body = await readFile(path.join(outputDir, served));
    const type = TYPES[path.extname(served)] ?? "application/octet-stream";
    response.writeHead(file ? 200 : 404, { "content-type": type, "cache-control": "no-store" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
