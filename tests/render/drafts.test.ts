import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding } from "../../src/checks/finding.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { type BuiltSite, buildFixtureSite, makeFixtureSite } from "../helpers/site.ts";

// `published: false` keeps a page out of the build and out of everything that lists pages; the
// `drafts` option (build --drafts, start --drafts) builds it, marked as a draft.
const DRAFT_FILE = "content/integrations/databases/quokkadb.md";
const DRAFT = `---
title: QuokkaDB
permalink: /integrations/databases/quokkadb
summary: "Connect QuokkaDB to Stitch."
layout: page
ssh: true
amazon: false
published: false
redirect_from: /integrations/databases/quokka-old
---
QuokkaDB is a database that is not ready to be announced.
`;

/** Pagefind's indexed URLs: gzip of "pagefind_dcd" + JSON per page. */
async function indexedUrls(outputDir: string): Promise<string[]> {
  const dir = path.join(outputDir, "docs/pagefind/fragment");
  const urls = [];
  for (const name of await readdir(dir)) {
    const text = gunzipSync(await readFile(path.join(dir, name))).toString("utf8");
    urls.push(JSON.parse(text.slice("pagefind_dcd".length)).url as string);
  }
  return urls;
}

const read = (site: BuiltSite, file: string) => readFile(path.join(site.outputDir, file), "utf8");

describe("a draft, without the drafts option", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixtureSite(await makeFixtureSite({ files: { [DRAFT_FILE]: DRAFT } }), { searchIndex: true });
  });
  afterAll(() => site?.cleanup());

  it("is not built, and its redirect is not written", async () => {
    expect(site.fileFor("/docs/integrations/databases/quokkadb")).toBeUndefined();
    expect(site.fileFor("/docs/integrations/databases/quokka-old")).toBeUndefined();
    expect(await read(site, "_redirects")).not.toContain("quokka");
  });

  it("is in neither the sitemap nor the search index", async () => {
    expect(await read(site, "docs/sitemap.xml")).not.toContain("quokka");
    const urls = await indexedUrls(site.outputDir);
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((url) => url.includes("quokka"))).toEqual([]);
  });

  it("is not in the sidebar, the collection's listing or the SSH connection guides", async () => {
    const listing = await site.page("/docs/integrations");
    expect(listing("nav a, main a").length).toBeGreaterThan(5);
    expect(listing("a").filter((_, a) => (listing(a).attr("href") ?? "").includes("quokka")).length).toBe(0);
    const tutorial = await site.page("/docs/common/databases/setting-up-ssh-tunnel-for-database-connection");
    expect(
      tutorial("main a").filter(
        (_, a) => tutorial(a).text().includes("Amazon") === false && (tutorial(a).attr("href") ?? "").includes("/integrations/databases/"),
      ).length,
    ).toBeGreaterThan(0);
    expect(tutorial("a").filter((_, a) => (tutorial(a).attr("href") ?? "").includes("quokka")).length).toBe(0);
  });
});

describe("a draft, with the drafts option", () => {
  let root: string;
  let outputDir: string;
  beforeAll(async () => {
    root = await makeFixtureSite({ files: { [DRAFT_FILE]: DRAFT } });
    const result = await runPipeline({ root, publish: true, drafts: true });
    if (!result.published) throw new Error(result.findings.map(formatFinding).join("\n"));
    outputDir = path.join(root, "_site");
  });

  const load = async (file: string) => cheerio.load(await readFile(path.join(outputDir, file), "utf8"));

  it("is built, with a visible draft banner and noindex", async () => {
    const $ = await load("docs/integrations/databases/quokkadb.html");
    expect($("h1").text()).toBe("QuokkaDB");
    const banner = $('[role="note"]').filter((_, el) => $(el).text().includes("Draft: not published"));
    expect(banner.length).toBe(1);
    expect(banner.attr("hidden")).toBeUndefined();
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
  });

  it("is listed, and published pages carry no draft mark", async () => {
    const listing = await load("docs/integrations.html");
    expect(listing("a").filter((_, a) => (listing(a).attr("href") ?? "").endsWith("/integrations/databases/quokkadb")).length).toBeGreaterThan(0);
    expect(listing('meta[name="robots"]').length).toBe(0);
    expect(listing.text()).not.toContain("Draft: not published");
  });
});

describe("links to drafts, and placeholder text", () => {
  it("reports a link to a draft at its line, and says how to publish it", async () => {
    const linking = `---
title: Linking page
layout: page
---
An intro line.

See [QuokkaDB]({{ site.baseurl }}/integrations/databases/quokkadb) for more.
`;
    const root = await makeFixtureSite({ files: { [DRAFT_FILE]: DRAFT, "content/linking.md": linking } });
    const { findings, published } = await runPipeline({ root, publish: true });
    expect(published).toBe(false);
    const found = findings.filter((f) => f.file === "content/linking.md");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 7, severity: "error", check: "links" });
    expect(found[0]!.message).toContain("draft");
    expect(found[0]!.message).toContain(DRAFT_FILE);
    expect(found[0]!.message).toContain("published: false");
    // With the drafts option, the link resolves.
    const withDrafts = await runPipeline({ root, drafts: true });
    expect(withDrafts.findings.filter((f) => f.file === "content/linking.md")).toEqual([]);
  });

  it("warns about npm run new's placeholder text left in a page, at its line", async () => {
    const { tutorialSkeleton } = await import("../../src/authoring/new-tutorial.ts");
    const url = "/common/databases/half-written";
    const text = tutorialSkeleton("Half written", url).replace("Describe the second step.", "Click Connect in the Stitch app.");
    const root = await makeFixtureSite({ files: { "content/common/databases/half-written.md": text } });
    const { findings, errors } = await runPipeline({ root });
    expect(errors).toBe(0);
    const placeholders = findings.filter((f) => f.file === "content/common/databases/half-written.md" && f.check === "placeholder");
    const lines = text.split("\n");
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    expect(placeholders.map((f) => f.line).sort((a, b) => a - b)).toEqual(
      [
        lineOf("Say what this tutorial sets up"),
        lineOf("The first thing a reader needs"),
        lineOf("The second thing a reader needs"),
        lineOf("Describe the first step"),
      ].sort((a, b) => a - b),
    );
    expect(placeholders.every((f) => f.severity === "warning" && /placeholder/.test(f.message))).toBe(true);
  });
});
