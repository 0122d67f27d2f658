import { rm } from "node:fs/promises";
import { afterAll, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { buildWithJekyll, JEKYLL, jekyllInstalled, writeSite } from "../helpers/jekyll.ts";
import { describeNeeding } from "../helpers/system.ts";

/**
 * Where Jekyll's `sort` stops the build (what it sorts is site-fixtures/sort): values Ruby can't
 * order (no property: `input.sort`), nothing to sort, a nils order other than first or last.
 * Each is one page built by Jekyll 4.3 and by this generator: both fail, and the error here is
 * Ruby's message at the line of the filter.
 */

const DATA = ["- name: b", "  weight: 2", "- name: none", ""].join("\n");

const CASES: Array<{ name: string; template: string; message: string }> = [
  {
    name: "text and a number",
    template: '{% assign n = "1.5,1" | split: "," | push: 2 %}{{ n | sort | join: "," }}',
    message: "comparison of String with 2 failed",
  },
  {
    name: "text and nil",
    template: '{% assign n = "a" | split: "," | push: nil %}{{ n | sort | join: "," }}',
    message: "comparison of String with nil failed",
  },
  { name: "nil and a number", template: '{{ site.data.items | map: "weight" | sort | join: "," }}', message: "comparison of Integer with nil failed" },
  {
    name: "text and a hash",
    template: '{% assign n = "a" | split: "," | push: site.data.items[0] %}{{ n | sort | size }}',
    message: "comparison of String with Hash failed",
  },
  { name: "nothing", template: "{{ page.missing | sort }}", message: "Cannot sort a null object." },
  {
    name: "another nils order",
    template: '{{ site.data.items | sort: "weight", "middle" | size }}',
    message: "Invalid nils order: 'middle' is not a valid nils order. It must be 'first' or 'last'.",
  },
  { name: "text", template: '{{ "abc" | sort }}', message: 'undefined method `sort\' for "abc":String' },
];

const files = (template: string) => ({
  "_config.yml": "title: Sorting\n",
  "_data/items.yml": DATA,
  "index.html": `---\ntitle: Sorting\n---\n<p>Before.</p>\n<p>${template}</p>\n`,
});

describeNeeding("sort stops the build where Jekyll 4.3's does", jekyllInstalled() ? [] : [`Jekyll 4.3 (${JEKYLL})`], () => {
  const roots: string[] = [];
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  for (const { name, template, message } of CASES) {
    it(`${name}: ${message}`, async () => {
      const root = await writeSite(files(template), "sort-jekyll-");
      const ours = await writeSite(files(template), "sort-ours-");
      roots.push(root, `${root}-jekyll`, ours);
      await expect(buildWithJekyll(root)).rejects.toThrow(message);
      const result = await runPipeline({ root: ours, publish: true });
      expect(result.published).toBe(false);
      const errors = result.findings.filter((found) => found.severity === "error").map((found) => [found.file, found.line, found.message]);
      expect(errors).toEqual([["index.html", 5, expect.stringContaining(message)]]);
    }, 120_000);
  }
});
