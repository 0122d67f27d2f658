import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BuildReport, type DevServer, startDevServer } from "../../src/dev/dev-server.ts";
import { TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "../checks/fixture-tutorial.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/**
 * The authoring loop: `npm start` serves the built site as a static host would, tells open pages
 * to reload after each build, shows a broken edit's located errors in the terminal and in the
 * browser while it keeps serving, and recovers when the edit is fixed. Only what passed the
 * checks reaches _site/: the page it shows at once after an edit is served from memory.
 */

let root: string;
let server: DevServer;
const terminal: string[] = [];
const pageUrl = () => `${server.url}/docs${TUTORIAL_URL}`;

/** Reads server-sent events until a `build` event arrives; its data is the new version. */
async function nextReloadEvent(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let received = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the event stream ended");
    received += new TextDecoder().decode(value);
    const match = /event: build\ndata: (\S+)/.exec(received);
    if (match) return match[1]!;
  }
}

/** The tag the server adds to each page it serves (the version in it changes with every build). */
const RELOAD_TAG = /<script src="\/__dev\/reload\.js" data-version="[^"]*" defer><\/script>\n/;

/** One hash of everything in a folder: names, contents, symlink targets. */
function folderHash(dir: string): string {
  const hash = createHash("sha256");
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative)).sort()) {
      const entry = path.join(relative, name);
      const stats = lstatSync(path.join(dir, entry));
      hash.update(`${entry}\0${stats.isSymbolicLink() ? "link" : stats.isDirectory() ? "dir" : "file"}\0`);
      if (stats.isSymbolicLink()) hash.update(readlinkSync(path.join(dir, entry)));
      else if (stats.isDirectory()) walk(entry);
      else hash.update(readFileSync(path.join(dir, entry)));
    }
  };
  walk("");
  return hash.digest("hex");
}

/** Saves a file in one step (as editors do), so no build sees it half-written. */
async function save(file: string, text: string): Promise<void> {
  const temporary = path.join(root, `.saving-${path.basename(file)}`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** Saves the fixture tutorial and waits for the first build that sees it, which must find `errors`. */
async function saveTutorial(text: string, errors: number): Promise<BuildReport> {
  const build = buildWith(errors);
  await save(path.join(root, TUTORIAL_FILE), text);
  return build;
}

/** The fixture tutorial with its last step's text (line 21) replaced. */
const withLastStep = (text: string) => tutorialText((lines) => (lines[20] = `      ${text}`));

/** The first build that sees the saved edit (a build already under way may finish first). */
async function buildWith(errors: number): Promise<BuildReport> {
  for (let i = 0; i < 3; i++) {
    const report = await server.nextBuild();
    if (report.result?.errors === errors) return report;
  }
  throw new Error(`no build with ${errors} errors`);
}

/**
 * Each time the terminal says the fast path rendered the page: the page the server then served,
 * and the published file and the whole of _site/ as they were at that moment.
 */
interface FastRendered {
  served: Promise<string>;
  published: string;
  siteHash: string;
}
const fastRendered: FastRendered[] = [];
const publishedPage = () => path.join(root, "_site/docs", `${TUTORIAL_URL}.html`);

beforeAll(async () => {
  root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText() } });
  server = await startDevServer({
    root,
    log: (line) => {
      terminal.push(line);
      if (!line.startsWith("Rendered ")) return;
      // Asked at once: the full build that ends the page's time in memory takes seconds.
      const served = fetch(pageUrl()).then((response) => response.text());
      fastRendered.push({ served, published: readFileSync(publishedPage(), "utf8"), siteHash: folderHash(path.join(root, "_site")) });
    },
  });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe("npm start", () => {
  // Each test starts from the fixture tutorial as written, published.
  beforeEach(async () => {
    const current = await readFile(path.join(root, TUTORIAL_FILE), "utf8");
    if (current !== tutorialText() || !server.latest().result?.published) await saveTutorial(tutorialText(), 0);
    fastRendered.length = 0;
  });

  it("serves /docs/x from docs/x.html on 127.0.0.1, with the live-reload script", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(pageUrl());
    expect(response.status).toBe(200);
    const $ = cheerio.load(await response.text());
    expect($("h1").text()).toBe("Checking fixture");
    // The reload client is a same-origin script (the page's CSP blocks inline ones).
    expect($('script[src="/__dev/reload.js"]').attr("defer")).toBeDefined();
    const client = await fetch(`${server.url}/__dev/reload.js`);
    expect(client.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await client.text()).toContain('new EventSource("/__dev/events")');
    const home = await fetch(`${server.url}/`, { redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/docs/");
    const css = await fetch(`${server.url}/docs/assets/site.css`);
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("rebuilds on an edit, tells the page to reload, and serves the new text", async () => {
    const events = await fetch(`${server.url}/__dev/events`);
    const reader = events.body!.getReader();
    try {
      await save(
        path.join(root, TUTORIAL_FILE),
        tutorialText((lines) => (lines[1] = "title: Edited while serving")),
      );
      await nextReloadEvent(reader);
      const $ = cheerio.load(await (await fetch(pageUrl())).text());
      expect($("h1").text()).toBe("Edited while serving");
    } finally {
      await reader.cancel();
    }
  });

  it("shows a broken edit's located error in the terminal and the browser, keeps serving, and recovers", async () => {
    const broken = tutorialText().replace("{{ link.connections.ssh-generic", "{{ link.connections.ssh-generik");
    expect(broken).not.toBe(tutorialText());

    let report = await saveTutorial(broken, 1);
    expect(report.result?.published).toBe(false);
    const located = `${TUTORIAL_FILE}:9:`;
    expect(terminal.some((line) => line.startsWith(located) && line.includes('"link.connections.ssh-generik"'))).toBe(true);

    const response = await fetch(pageUrl());
    expect(response.status).toBe(500);
    const $ = cheerio.load(await response.text());
    expect($("#build-errors h1").text()).toBe("Build failed: 1 error");
    expect($("#build-errors li code").first().text()).toMatch(
      new RegExp(`^${located}\\d+: error: undefined variable or data key "link.connections.ssh-generik"`),
    );
    expect($("#build-errors .excerpt .at").text()).toContain("ssh-generik");
    // The last good build is still in _site/.
    expect(
      cheerio
        .load(await readFile(publishedPage(), "utf8"))("h1")
        .text(),
    ).toBe("Checking fixture");

    report = await saveTutorial(
      tutorialText((lines) => (lines[1] = "title: Fixed while serving")),
      0,
    );
    expect(report.result?.published).toBe(true);
    const fixed = await fetch(pageUrl());
    expect(fixed.status).toBe(200);
    expect(
      cheerio
        .load(await fixed.text())("h1")
        .text(),
    ).toBe("Fixed while serving");
  });

  it("renders an edited tutorial's text at once, exactly as the full build that follows does", async () => {
    await saveTutorial(withLastStep("Done, and **edited while serving**."), 0);
    expect(terminal.some((line) => new RegExp(`^Rendered ${TUTORIAL_FILE} in \\d+ ms; the full build follows$`).test(line))).toBe(true);
    expect(fastRendered).toHaveLength(1);
    const served = await fastRendered[0]!.served;
    expect(served).toContain("<strong>edited while serving</strong>");
    // Shown from memory: _site/ did not have it yet, and then got exactly that page from the full build.
    expect(fastRendered[0]!.published).not.toContain("edited while serving");
    expect(served.replace(RELOAD_TAG, "")).toBe(await readFile(publishedPage(), "utf8"));

    // A mistake is not rendered at once: the full build reports it and the page stays as it was.
    fastRendered.length = 0;
    expect((await saveTutorial(withLastStep("{{ no_such_variable }} Done, and **edited while serving**."), 1)).result?.published).toBe(false);
    expect(fastRendered).toEqual([]);
    expect(await readFile(publishedPage(), "utf8")).toContain("<strong>edited while serving</strong>");
    // Nor is a mistake in the tutorial format (two steps with one anchor).
    const duplicate = withLastStep("Done, and **edited while serving**.").replace('anchor: "second-step"', 'anchor: "first-step"');
    expect((await saveTutorial(duplicate, 1)).result?.published).toBe(false);
    expect(fastRendered).toEqual([]);
  });

  it("keeps a page with a broken link out of _site/: shown at once from memory, then the error page", async () => {
    const before = folderHash(path.join(root, "_site"));
    const report = await saveTutorial(withLastStep("Done; see [the missing page]({{ site.baseurl }}/common/no-such-page)."), 1);
    // Only the full build's output checks find a broken link: the fast path rendered the page.
    expect(report.result?.findings.map((f) => `${f.file}: ${f.message}`)).toEqual([`${TUTORIAL_FILE}: link "/docs/common/no-such-page" resolves to no page`]);
    expect(fastRendered).toHaveLength(1);
    expect(await fastRendered[0]!.served).toContain('href="/docs/common/no-such-page"');
    // _site/ as it was, while the page was shown and after the build failed.
    expect(fastRendered[0]!.siteHash).toBe(before);
    expect(folderHash(path.join(root, "_site"))).toBe(before);
    const response = await fetch(pageUrl());
    expect(response.status).toBe(500);
    const $ = cheerio.load(await response.text());
    expect($("#build-errors li code").first().text()).toMatch(
      new RegExp(`^${TUTORIAL_FILE}:\\d+:\\d+: error: link "/docs/common/no-such-page" resolves to no page`),
    );
  });
});
