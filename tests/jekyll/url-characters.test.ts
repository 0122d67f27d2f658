import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../src/dev/dev-server.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { copySite, writeSite } from "../helpers/jekyll.ts";

/**
 * A Jekyll site whose URLs hold what Jekyll keeps in them (`/r&d/...`, `/c++/tips/`,
 * `/people/(team)/'s/@me:now,$5*2.html`; tests/jekyll/site-fixtures/url-characters, which the
 * differential test builds with Jekyll too): each place this generator writes such a URL has it
 * escaped for that place, and the dev server serves the page at it.
 */

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "site-fixtures/url-characters");
const PEOPLE = "/docs/people/(team)/'s/@me:now,$5*2.html";
const LAB_NOTES = "/docs/r&d/2024/03/01/lab-notes.html";

describe("a Jekyll site's URLs with the characters Jekyll keeps, where they are written", () => {
  let root: string;
  let site: string;
  beforeAll(async () => {
    root = await copySite(FIXTURE);
    const result = await runPipeline({ root, publish: true });
    expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
    site = path.join(root, "_site");
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("sitemap.xml escapes & and parses back to each page's URL", async () => {
    const xml = await readFile(path.join(site, "docs/sitemap.xml"), "utf8");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
    const locs = cheerio
      .load(xml, { xml: true })("loc")
      .map((_, loc) => cheerio.load(loc, { xml: true }).text())
      .get();
    expect(locs).toContain(`https://example.com${LAB_NOTES.replace(/\.html$/, "")}`);
    expect(locs).toContain(`https://example.com${PEOPLE.replace(/\.html$/, "")}`);
    expect(locs).toContain("https://example.com/docs/c++/tips/");
  });

  it("_redirects has a target's : and * percent-encoded (Netlify reads them as a placeholder and a splat)", async () => {
    const lines = (await readFile(path.join(site, "_redirects"), "utf8")).split("\n");
    expect(lines).toContain("/docs/old/people /docs/people/(team)/'s/@me%3Anow,$5%2A2.html 301");
    expect(lines).toContain("/docs/old/encoded/ /docs/guides/a%20b/ 301");
  });

  it("a redirect page leads to the URL through its attributes, & and ' escaped", async () => {
    const html = await readFile(path.join(site, "docs/old/people.html"), "utf8");
    expect(html).toContain("url=/docs/people/(team)/&#39;s/@me:now,$5*2.html");
    const $ = cheerio.load(html);
    expect($('meta[http-equiv="refresh"]').attr("content")).toBe(`0; url=${PEOPLE}`);
    expect($("main a").attr("href")).toBe(PEOPLE);
  });

  it("llms.txt links each Markdown copy with ( and ) percent-encoded, so a Markdown link holds it whole", async () => {
    const lines = (await readFile(path.join(site, "docs/llms.txt"), "utf8")).split("\n");
    expect(lines).toContain("- [People (and @handles)](https://example.com/docs/people/%28team%29/'s/@me:now,$5*2.md)");
    expect(lines).toContain("- [Lab notes](https://example.com/docs/r&d/2024/03/01/lab-notes.md)");
  });

  it("a link to a page in category R&D has its & escaped in the attribute", async () => {
    const html = await readFile(path.join(site, "docs/index.html"), "utf8");
    expect(html).toContain('href="/docs/r&amp;d/2024/03/01/lab-notes.html"');
    expect(cheerio.load(html)("main a").first().attr("href")).toBe("/docs/music!/Rock'n'roll/");
  });
});

describe("npm start's server serves a Jekyll page at a URL with & and @", () => {
  let root: string;
  let server: DevServer;
  beforeAll(async () => {
    root = await copySite(FIXTURE);
    server = await startDevServer({ root, log: () => {} });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("at the URL as written and in its percent-encoded form", async () => {
    const origin = new URL(server.url).origin;
    for (const target of [
      LAB_NOTES,
      "/docs/r%26d/2024/03/01/lab-notes.html",
      PEOPLE,
      "/docs/people/%28team%29/%27s/%40me%3Anow%2C%245%2A2",
      "/docs/c++/tips/",
    ]) {
      const response = await fetch(`${origin}${target}`);
      expect(response.status, target).toBe(200);
      expect(await response.text(), target).toMatch(/<h1>(Lab notes|People \(and @handles\)|C\+\+ tips)<\/h1>/);
    }
  });
});

describe("a Jekyll permalink with ? is still refused", () => {
  it("at its line: a host would read it as a query", async () => {
    const root = await writeSite({
      "_config.yml": "title: Query\n",
      "index.md": "---\ntitle: Home\n---\nHome.\n",
      "ask.md": "---\ntitle: Ask\npermalink: /ask?me/\n---\nA question.\n",
    });
    try {
      const result = await runPipeline({ root, publish: true });
      const errors = result.findings.filter((found) => found.severity === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: "ask.md", line: 3 });
      expect(errors[0]!.message).toContain('"?": a page\'s path has no query or fragment');
      expect(result.published).toBe(false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("a Jekyll page whose URL holds %XX keeps its redirect_from", () => {
  it("in _redirects and as a redirect page", async () => {
    const root = await writeSite({
      "_config.yml": "title: Encoded\nplugins:\n  - jekyll-redirect-from\n",
      "index.md": "---\ntitle: Home\n---\nHome.\n",
      "guide.md": "---\ntitle: Guide\npermalink: /a%20b/r&d/\nredirect_from: /old/guide/\n---\nThe guide.\n",
    });
    try {
      const result = await runPipeline({ root, publish: true });
      expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
      const lines = (await readFile(path.join(root, "_site/_redirects"), "utf8")).split("\n");
      expect(lines).toContain("/old/guide/ /a%20b/r&d/ 301");
      const page = cheerio.load(await readFile(path.join(root, "_site/old/guide/index.html"), "utf8"));
      expect(page('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/a%20b/r&d/");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
