import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileForUrlPath, type BuiltSite } from "./site.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves a built site on 127.0.0.1 (a free port), mapping URLs to files as a static host does. */
export async function serveSite(site: BuiltSite): Promise<{ origin: string; close(): Promise<void> }> {
  const files = new Set(site.htmlFiles);
  const server = createServer(async (request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = site.fileFor(urlPath) ?? fileForUrlPath(files, urlPath);
    if (!file) {
      response.writeHead(404).end("not found");
      return;
    }
    const body = await readFile(path.join(site.outputDir, file));
    response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
