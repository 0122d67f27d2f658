import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { copySite } from "../helpers/jekyll.ts";

/**
 * What a Jekyll site's pages hold that this repository's own site refuses, built with `--source`
 * through the pipeline: the page builds as Jekyll builds it, and the finding is a warning at its
 * line. (The contents Jekyll renders are compared in site-differential.test.ts, same fixtures.)
 */
const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "site-fixtures");

describe("a Jekyll site's page content", () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  it("builds a page with a <script> in its content, with a warning at the script's line", async () => {
    const root = await copySite(path.join(FIXTURES_DIR, "inline-script"));
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    const scripts = result.findings.filter((found) => found.check === "raw-html");
    expect(scripts.map((found) => [found.file, found.line, found.severity])).toEqual([
      ["index.md", 11, "warning"],
      ["widget.html", 7, "warning"],
    ]);
    expect(scripts[1]!.message).toContain('<script src="/help/assets/widget.js">');
    expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
    expect(result.published).toBe(true);
  });
});
