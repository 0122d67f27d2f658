import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { request, STATUS_CODES } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../src/dev/dev-server.ts";
import { TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "../checks/fixture-tutorial.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/**
 * What `npm start`'s server refuses, asked as an attacker would, with raw HTTP: requests that do
 * not name this machine (DNS rebinding), methods other than GET and HEAD, paths that climb out of
 * _site/, symlinks in _site/ that lead out of it, and files out of the site quoted on the error page.
 */

let root: string;
let server: DevServer;
let port: number;
/** Text of a file beside _site/ that must never be served. */
const SECRET = "secret beside the site: never served";
const STYLESHEET = "/docs/assets/site.css";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request exactly as given (path unnormalized, any Host header), on a fresh connection. */
function ask(target: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: "127.0.0.1", port, path: target, method: options.method ?? "GET", headers: { host: options.host ?? `127.0.0.1:${port}` }, agent: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      },
    );
    sent.on("error", reject);
    sent.end();
  });
}

/** The whole byte stream a request written by hand gets back (the HTTP client hides a body sent by mistake). */
function raw(requestText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
    socket.write(requestText);
  });
}

const rawHead = (target: string) => raw(`HEAD ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);

/** Starts a dev server on a copy of the site for the suite, and stops it after. */
function useDevServer(prepare: (root: string) => Promise<void> = async () => {}) {
  beforeAll(async () => {
    root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText(), "secret.txt": SECRET, "outside/secret.txt": SECRET } });
    await prepare(root);
    server = await startDevServer({ root, log: () => {} });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });
}

describe("npm start's server answers this machine only", () => {
  useDevServer();

  it("serves requests for 127.0.0.1, localhost and [::1] with its port", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const answer = await ask(STYLESHEET, { host });
      expect({ host, status: answer.status, type: answer.headers["content-type"] }).toEqual({ host, status: 200, type: "text/css; charset=utf-8" });
    }
  });

  it("refuses any other Host (DNS rebinding), with a short text and nothing of the site", async () => {
    const hosts = [
      "evil.example",
      `evil.example:${port}`,
      "127.0.0.1",
      `127.0.0.1:${port + 1}`,
      "localhost",
      `localhost.evil.example:${port}`,
      `127.0.0.2:${port}`,
      `0.0.0.0:${port}`,
      "[::1]",
    ];
    for (const target of [STYLESHEET, `/docs${TUTORIAL_URL}`, "/__dev/events", "/__dev/reload.js", "/"]) {
      for (const host of hosts) {
        const answer = await ask(target, { host });
        expect({ target, host, status: answer.status }).toEqual({ target, host, status: 421 });
        expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
        expect(answer.body).toContain(`answers only requests for 127.0.0.1:${port}, localhost:${port}, [::1]:${port}`);
      }
    }
  });

  it("refuses a request without a Host header", async () => {
    const answer = parseRaw(await raw(`GET ${STYLESHEET} HTTP/1.0\r\n\r\n`));
    expect(answer.statusLine).toBe("HTTP/1.1 421 Misdirected Request");
  });

  it("answers only GET and HEAD: anything else is 405 with an Allow header", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"]) {
      for (const target of [STYLESHEET, `/docs${TUTORIAL_URL}`, "/__dev/events"]) {
        const answer = await ask(target, { method });
        expect({ method, target, status: answer.status, allow: answer.headers.allow }).toEqual({ method, target, status: 405, allow: "GET, HEAD" });
      }
    }
  });

  it("answers HEAD with GET's status and headers and no body, and ends the answer", async () => {
    for (const target of [STYLESHEET, `/docs${TUTORIAL_URL}`, "/docs/nothing-here", "/__dev/reload.js", "/"]) {
      const get = await ask(target);
      const head = parseRaw(await rawHead(target));
      expect({ target, status: head.statusLine, body: head.body }).toEqual({ target, status: `HTTP/1.1 ${get.status} ${STATUS_CODES[get.status]}`, body: "" });
      expect(head.header("content-type")).toBe(get.headers["content-type"]);
      expect(Number(head.header("content-length"))).toBe(Buffer.byteLength(get.body));
    }
    // The event stream's GET never ends; its HEAD does.
    const events = parseRaw(await rawHead("/__dev/events"));
    expect([events.statusLine, events.header("content-type"), events.body]).toEqual(["HTTP/1.1 200 OK", "text/event-stream", ""]);
  });

  it("serves nothing outside _site/ for a path that climbs out, however it is spelled", async () => {
    const climbs = [
      "/docs/../../secret.txt",
      "/../secret.txt",
      "/docs/%2e%2e/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/docs/..%2f..%2fsecret.txt",
      "/..%2fsecret.txt",
      "/docs%2f..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/docs/..\\..\\secret.txt",
      "/docs/..%252f..%252fsecret.txt",
      "/docs/%2e%2e%2f%2e%2e%2fsecret.txt",
      "//secret.txt",
      "/docs/../../etc/passwd",
      "/docs/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/docs/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/%00/secret.txt",
      "/secret.txt%00.html",
      `/${encodeURIComponent(path.join(root, "secret.txt"))}`,
    ];
    for (const target of climbs) {
      const answer = await ask(target);
      expect({ target, status: answer.status }).toEqual({ target, status: 404 });
      expect(answer.body).not.toContain(SECRET);
      expect(answer.body).not.toContain("root:x:0:0");
    }
  });
});

describe("npm start's server never follows a symlink out of _site/", () => {
  // A previous session's _site/ with symlinks out of it (as an asset copied as a link leaves):
  // the first build fails, so it stays as it is and its files are served.
  useDevServer(async (root) => {
    await mkdir(path.join(root, "_site/docs/linked"), { recursive: true });
    await writeFile(path.join(root, "_site/docs/kept.txt"), "kept from the last good build");
    await symlink(path.join(root, "secret.txt"), path.join(root, "_site/docs/leak.txt"));
    await symlink(path.join(root, "outside"), path.join(root, "_site/docs/linked/folder"));
    await symlink("/etc/passwd", path.join(root, "_site/docs/passwd.txt"));
    await writeFile(
      path.join(root, TUTORIAL_FILE),
      tutorialText((lines) => (lines[20] = "      {{ no_such_variable }} Done.")),
    );
  });

  it("serves the last good build's files, but not a symlink that leads out", async () => {
    expect((await ask("/docs/kept.txt")).body).toBe("kept from the last good build");
    for (const target of ["/docs/leak.txt", "/docs/linked/folder/secret.txt", "/docs/passwd.txt"]) {
      const answer = await ask(target);
      // 404, or the error page that stands for every missing page while the site has errors.
      expect({ target, served: answer.status === 200 }).toEqual({ target, served: false });
      expect(answer.body).not.toContain(SECRET);
      expect(answer.body).not.toContain("root:x:0:0");
    }
  });
});

describe("npm start's error page quotes only the site's own files", () => {
  let elsewhere: string;
  // A page that is a symlink to a file out of the site, with a mistake next to a secret.
  useDevServer(async (root) => {
    elsewhere = await mkdtemp(path.join(tmpdir(), "elsewhere-"));
    await writeFile(path.join(elsewhere, "page.md"), `---\ntitle: Elsewhere\n---\n${SECRET}\n{{ no_such_variable }}\n`);
    await symlink(path.join(elsewhere, "page.md"), path.join(root, "content/elsewhere.md"));
  });
  afterAll(async () => {
    await rm(elsewhere, { recursive: true, force: true });
  });

  it("shows the findings about the symlinked page, without the lines of the file it leads to", async () => {
    const answer = await ask(`/docs${TUTORIAL_URL}`);
    expect(answer.status).toBe(500);
    expect(answer.body).toContain("content/elsewhere.md:");
    expect(answer.body).not.toContain(SECRET);
  });
});

function parseRaw(response: string) {
  const [head = "", ...rest] = response.split("\r\n\r\n");
  return {
    statusLine: head.split("\r\n")[0],
    header: (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1],
    body: rest.join("\r\n\r\n"),
  };
}
