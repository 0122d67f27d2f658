import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Finding } from "../../src/checks/finding.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { buildWithJekyll, JEKYLL, jekyllInstalled, mainContentOf, writeSite } from "../helpers/jekyll.ts";
import { describeNeeding } from "../helpers/system.ts";

/**
 * `liquid: error_mode` (lax, warn, strict) on malformed variable markup, with Jekyll 4.3 as the
 * oracle: the same site built by both in each mode. lax and warn render what Ruby's lax parser
 * reads (and are reported here as warnings at their lines); strict fails both builds.
 */

const LAYOUT = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>\n`;

const PAGE = [
  "---",
  "layout: default",
  "title: Hello",
  "---",
  "<p>A [{{ page.title | }}]</p>",
  '<p>B [{{ "x" | upcase: }}]</p>',
  '<p>C [{{ page.title | append: "!" extra }}]</p>',
  "<p>D [{{ page.title page.other }}]</p>",
  "<p>E [{% assign shout = page.title | | upcase %}{{ shout }}]</p>",
  "<p>F [{{ 'a' | append: 'b',, }}]</p>",
  "<p>G [{% include tail.html %}]</p>",
  "<p>H [{{ page.title | downcase }}] stays well-formed.</p>",
  "",
].join("\n");

const files = (mode: string) => ({
  "_config.yml": `title: Modes\nliquid:\n  error_mode: ${mode}\n`,
  "_layouts/default.html": LAYOUT,
  "index.html": PAGE,
  "_includes/tail.html": "Tail {{ page.title | size: }}.",
});

const placesOf = (findings: Finding[]) =>
  findings.filter((found) => found.check === "liquid").map((found) => [found.file, found.line, found.column, found.severity]);

const EXPECTED_PLACES = (severity: string) => [
  ["_includes/tail.html", 1, 28, severity],
  ["index.html", 5, 23, severity],
  ["index.html", 6, 24, severity],
  ["index.html", 7, 35, severity],
  ["index.html", 8, 21, severity],
  ["index.html", 9, 38, severity],
  ["index.html", 10, 28, severity],
];

describeNeeding("liquid: error_mode as Jekyll 4.3 has it", jekyllInstalled() ? [] : [`Jekyll 4.3 (${JEKYLL})`], () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });
  const both = async (mode: string) => {
    const root = await writeSite(files(mode), `error-mode-${mode}-`);
    const ours = await writeSite(files(mode), `error-mode-${mode}-ours-`);
    roots.push(root, `${root}-jekyll`, ours);
    return { root, ours };
  };

  for (const mode of ["lax", "warn"]) {
    it(`${mode}: renders malformed markup as Jekyll does, and reports each at its line as a warning`, async () => {
      const { root, ours } = await both(mode);
      const jekyll = await buildWithJekyll(root);
      const result = await runPipeline({ root: ours, publish: true });
      expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
      expect(result.published).toBe(true);
      const theirs = mainContentOf(await readFile(path.join(jekyll, "index.html"), "utf8"), "main");
      const mine = mainContentOf(await readFile(path.join(ours, "_site/index.html"), "utf8"), "main");
      expect(mine).toEqual(theirs);
      expect(theirs.text).toContain("A [Hello] B [X] C [Hello!] D [Hello] E [HELLO] F [ab] G [Tail 5.]");
      expect(placesOf(result.findings)).toEqual(EXPECTED_PLACES("warning"));
    }, 120_000);
  }

  it("strict: a malformed variable fails the build, as it fails Jekyll's, with an error at each", async () => {
    const { root, ours } = await both("strict");
    await expect(buildWithJekyll(root)).rejects.toThrow(/Liquid syntax error/);
    const result = await runPipeline({ root: ours, publish: true });
    expect(result.published).toBe(false);
    expect(placesOf(result.findings)).toEqual(EXPECTED_PLACES("error"));
    const first = result.findings.find((found) => found.file === "index.html" && found.line === 5);
    expect(first?.message).toBe('Liquid syntax error: expected a filter name after | but found the end of the markup in "{{ page.title | }}"');
  }, 120_000);
});
