import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eleventyCommand } from "../../scripts/bench/commands.ts";
import { countPageFiles, tutorialSlug, writeTutorialCorpus } from "../../scripts/bench/corpus.ts";
import { writePlainCorpus } from "../../scripts/bench/plain-corpus.ts";
import { type BuiltSite, buildFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";

// `npm run bench` times builds of this corpus; these tests keep it valid and shaped like the seed.
const N = 4;

async function filesOf(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = await readFile(full, "utf8");
  }
  return files;
}

describe("the benchmark's tutorial corpus", () => {
  const scratch: string[] = [];
  let site: BuiltSite;

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), "bench-corpus-"));
    await writeTutorialCorpus(PROJECT_ROOT, root, { n: N, seed: 1, listed: 40 });
    site = await buildFixtureSite(root);
  });
  afterAll(async () => {
    await site.cleanup();
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it("is the same for the same seed and different for another", async () => {
    const write = async (seed: number) => {
      const root = await mkdtemp(path.join(tmpdir(), "bench-corpus-"));
      scratch.push(root);
      await writeTutorialCorpus(PROJECT_ROOT, root, { n: N, seed, listed: 40 });
      return filesOf(path.join(root, "content"));
    };
    const [a, b, c] = await Promise.all([write(7), write(7), write(8)]);
    expect(Object.keys(a).filter((file) => file.includes("bench"))).toHaveLength(2 * N);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("builds N tutorials shaped like the seed", async () => {
    for (let i = 0; i < N; i++) {
      const $ = await site.page(`/docs/common/bench/${tutorialSlug(i)}`);
      expect($("section.step-depth-1 > h2")).toHaveLength(5);
      expect($("section.step-depth-2 > h3").length).toBeGreaterThanOrEqual(2);
      expect($("#prerequisites + ul > li")).toHaveLength(3);
      // The IP address loop, a fenced shell block, a callout include with parameters.
      expect($("#configure-ssh-server").parent().find("li").text()).toContain("52.23.137.21/32");
      expect($("pre code.language-shell").length).toBeGreaterThanOrEqual(2);
      expect($(".callout-tip").text()).toContain("Stitch’s addresses differ by region");
      // Links between the corpus' pages, and the guide-links include listing its collection pages.
      expect($('a[href^="/docs/common/bench/"]').length).toBeGreaterThanOrEqual(3);
      expect($('details[id^="ssh-guides-"] a[href*="/bench"]').length).toBeGreaterThan(0);
    }
  });

  it("builds N collection pages in the collections the guide links read", () => {
    const collectionPages = site.htmlFiles.filter((file) => /\/(integrations\/databases|destinations\/bench)\/bench-/.test(file));
    expect(collectionPages).toHaveLength(N);
  });

  it("has a floor of as many plain pages as it renders from page files, each in a frame like the site's", async () => {
    const floor = await mkdtemp(path.join(tmpdir(), "bench-floor-"));
    scratch.push(floor);
    await writePlainCorpus(floor, { pages: await countPageFiles(site.root), seed: 1, frame: "site" });
    await promisify(execFile)(process.execPath, eleventyCommand(), { cwd: floor });

    const floorPages = await filesOf(path.join(floor, "_site"));
    const redirects = await Promise.all(
      site.htmlFiles.map(async (file) => cheerio.load(await readFile(path.join(site.outputDir, file), "utf8"))('meta[http-equiv="refresh"]').length > 0),
    );
    const rendered = site.htmlFiles.filter((_, i) => !redirects[i]);
    expect(rendered.length).toBeGreaterThan(2 * N);
    expect(Object.keys(floorPages).filter((file) => file.endsWith(".html"))).toHaveLength(rendered.length);
    for (const html of Object.values(floorPages)) {
      const $ = cheerio.load(html);
      expect($("head title").text()).toMatch(/\| Plain Documentation$/);
      expect($('head meta[name="description"]').attr("content")).not.toBe("");
      expect($("body > header form[role=search]")).toHaveLength(1);
      expect($("nav#site-nav > ul > li")).toHaveLength(8);
      expect($("nav#site-nav li li a").length).toBeGreaterThanOrEqual(40);
      expect($("main nav.breadcrumbs li").last().text()).toBe($("main article h1").text());
      expect($("main article p")).toHaveLength(3);
      expect($("main footer time").attr("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
