import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { copySite, writeSite } from "../helpers/jekyll.ts";

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

  it("reports a malformed CSV data file as an error at its line, as Jekyll's build stops at it", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Tables\ncsv_reader:\n  converters: [numeric]\n",
        "index.md": "---\nlayout: page\ntitle: Home\n---\n{{ site.data.ports.size }} ports.\n",
        "_data/ports.csv": 'name,port\nssh,22\npostgres,"5432\nmysql,3306\n',
        "_data/hosts.tsv": "host\taddress\nbastion\t10.0.0.1\textra\n",
      },
      "jekyll-csv-",
    );
    roots.push(root);
    const result = await runPipeline({ root });
    const tables = result.findings.filter((found) => found.check === "csv");
    expect(tables.map((found) => [found.file, found.line, found.column, found.severity])).toEqual([
      ["_config.yml", 2, 1, "warning"],
      ["_data/hosts.tsv", 2, 1, "warning"],
      ["_data/ports.csv", 3, 10, "error"],
    ]);
    expect(tables[0]!.message).toContain("csv_reader is ignored");
    expect(tables[2]!.message).toContain("a quoted field is not closed");
  });
});
