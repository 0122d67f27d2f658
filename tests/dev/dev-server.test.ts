import { readFileSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type BuildReport, type DevServer } from "../../src/dev/dev-server.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "../checks/fixture-tutorial.ts";

/**
 * The authoring loop: `npm start` serves the built site as a static host would, tells open pages
 * to reload after each build, shows a broken edit's located errors in the terminal and in the
 * browser while it keeps serving, and recovers when the edit is fixed.
 */
let root: string;
let server: DevServer;
const terminal: string[] = [];
const pageUrl = () => `${server.url}/docs${TUTORIAL_URL}`;

/** Reads server-sent events until a `build` event arrives. */
async function nextReloadEvent(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let received = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the event stream ended");
    received += new TextDecoder().decode(value);
    const match = /event: build\ndata: (\d+)/.exec(received);
    if (match) return match[1]!;
  }
}

/** Saves a file in one step (as editors do), so no build sees it half-written. */
async function save(file: string, text: string): Promise<void> {
  const temporary = path.join(root, `.saving-${path.basename(file)}`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** The first build that sees the saved edit (a build already under way may finish first). */
async function buildWith(errors: number): Promise<BuildReport> {
  for (let i = 0; i < 3; i++) {
    const report = await server.nextBuild();
    if (report.result?.errors === errors) return report;
  }
  throw new Error(`no build with ${errors} errors`);
}

/** The published page as it was when the terminal said the fast path had rendered it. */
const fastRendered: string[] = [];
const publishedPage = () => path.join(root, "_site/docs", `${TUTORIAL_URL}.html`);

beforeAll(async () => {
  root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText() } });
  server = await startDevServer({
    root,
    log: (line) => {
      terminal.push(line);
      if (line.startsWith("Rendered ")) fastRendered.push(readFileSync(publishedPage(), "utf8"));
    },
  });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves /docs/x from docs/x.html on 127.0.0.1, with the live-reload script", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(pageUrl());
    expect(response.status).toBe(200);
    const $ = cheerio.load(await response.text());
    expect($("h1").text()).toBe("Checking fixture");
    expect($("script").text()).toContain("EventSource");
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
      const file = path.join(root, TUTORIAL_FILE);
      await save(file, (await readFile(file, "utf8")).replace("title: Checking fixture", "title: Edited while serving"));
      await nextReloadEvent(reader);
      const $ = cheerio.load(await (await fetch(pageUrl())).text());
      expect($("h1").text()).toBe("Edited while serving");
    } finally {
      await reader.cancel();
    }
  });

  it("shows a broken edit's located error in the terminal and the browser, keeps serving, and recovers", async () => {
    const file = path.join(root, TUTORIAL_FILE);
    const good = await readFile(file, "utf8");
    const broken = good.replace("{{ link.connections.ssh-generic", "{{ link.connections.ssh-generik");
    expect(broken).not.toBe(good);

    let build = buildWith(1);
    await save(file, broken);
    let report = await build;
    expect(report.result?.published).toBe(false);
    const located = `${TUTORIAL_FILE}:9:`;
    expect(terminal.some((line) => line.startsWith(located) && line.includes('"link.connections.ssh-generik"'))).toBe(true);

    const response = await fetch(pageUrl());
    expect(response.status).toBe(500);
    const $ = cheerio.load(await response.text());
    expect($("#build-errors h1").text()).toBe("Build failed: 1 error");
    expect($("#build-errors li code").first().text()).toMatch(new RegExp(`^${located}\\d+: error: undefined variable or data key "link.connections.ssh-generik"`));
    expect($("#build-errors .excerpt .at").text()).toContain("ssh-generik");
    // The last good build is still in _site/.
    expect(await readFile(path.join(root, "_site/docs", `${TUTORIAL_URL}.html`), "utf8")).toContain("Edited while serving");

    build = buildWith(0);
    await save(file, good);
    report = await build;
    expect(report.result?.published).toBe(true);
    const fixed = await fetch(pageUrl());
    expect(fixed.status).toBe(200);
    expect(cheerio.load(await fixed.text())("h1").text()).toBe("Edited while serving");
  });

  it("renders an edited tutorial's text at once, exactly as the full build that follows does", async () => {
    const file = path.join(root, TUTORIAL_FILE);
    const good = await readFile(file, "utf8");
    const edited = good.replace("      Done.", "      Done, and **edited while serving**.");
    expect(edited).not.toBe(good);
    fastRendered.length = 0;

    const build = buildWith(0);
    await save(file, edited);
    await build;
    expect(terminal.some((line) => new RegExp(`^Rendered ${TUTORIAL_FILE} in \\d+ ms; the full build follows$`).test(line))).toBe(true);
    expect(fastRendered).toHaveLength(1);
    expect(fastRendered[0]).toContain("<strong>edited while serving</strong>");
    expect(await readFile(publishedPage(), "utf8")).toBe(fastRendered[0]);

    // A mistake is not rendered at once: the full build reports it and the page stays as it was.
    fastRendered.length = 0;
    const failing = buildWith(1);
    await save(file, edited.replace("      Done,", "      {{ no_such_variable }} Done,"));
    expect((await failing).result?.published).toBe(false);
    expect(fastRendered).toEqual([]);
    expect(await readFile(publishedPage(), "utf8")).toContain("<strong>edited while serving</strong>");
    // Nor is a mistake in the tutorial format (two steps with one anchor).
    const duplicate = buildWith(1);
    await save(file, edited.replace('anchor: "second-step"', 'anchor: "first-step"'));
    expect((await duplicate).result?.published).toBe(false);
    expect(fastRendered).toEqual([]);
    const fixed = buildWith(0);
    await save(file, good);
    await fixed;
  });
});
