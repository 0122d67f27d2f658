import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liquidFindings } from "../../src/checks/output/liquid.ts";
import type { JekyllLiquid } from "../../src/jekyll/engine.ts";
import { PAGE_DATA_KEY } from "../../src/jekyll/scope.ts";
import { TemplateErrorCollector } from "../../src/jekyll/template-errors.ts";
import { readSite } from "../../src/model/read-site.ts";
import type { SiteModel } from "../../src/model/site-model.ts";
import { engineForSite } from "../helpers/engine.ts";
import { buildWithJekyll, jekyllInstalled, mainContentOf, readPage, writeSite } from "../helpers/jekyll.ts";
import { FIXTURES, jekyllSiteFiles } from "./liquid-fixtures.ts";

// Each construct of Jekyll's Liquid (liquid-fixtures.ts), rendered by Jekyll 4.3 and by this
// project's engine from the same template text and data, compared as main content (headings,
// list items, code text, links, normalised text). Jekyll's defaults (`strict_variables: false`,
// `strict_filters: false`) on both sides: undefined variables render as nothing and unknown
// filters pass their value through, and both are reported as warnings here.

let root: string;
let jekyllOut: string;
let model: SiteModel;
let liquid: JekyllLiquid;
const errors = new TemplateErrorCollector();

beforeAll(async () => {
  if (!jekyllInstalled()) throw new Error("Jekyll 4.3 (/usr/bin/jekyll) is needed: .ci/run installs it");
  root = await writeSite(jekyllSiteFiles(), "liquid-differential-");
  jekyllOut = await buildWithJekyll(root);
  model = readSite(root);
  liquid = engineForSite(root, undefined, { errors, undefinedVariables: "warning", undefinedFilters: "warning" });
}, 180_000);
afterAll(async () => {
  const { rm } = await import("node:fs/promises");
  if (root) await Promise.all([rm(root, { recursive: true, force: true }), rm(jekyllOut, { recursive: true, force: true })]);
});

async function renderHere(name: string): Promise<string> {
  const file = path.join(root, "content", `${name}.html`);
  const page = model.pages.find((candidate) => candidate.absolutePath === file);
  if (!page) throw new Error(`the model has no page ${file}`);
  const frontMatter = { ...(page.data ?? {}) };
  const html = await liquid.render(liquid.parse(page.body, file), {
    page: { inputPath: file, url: `/docs/content/${name}.html` },
    [PAGE_DATA_KEY]: frontMatter,
  });
  return String(html);
}

describe("Liquid as Jekyll 4.3 renders it", () => {
  for (const fixture of FIXTURES) {
    it(fixture.name, async () => {
      const expected = mainContentOf(await readPage(jekyllOut, `content/${fixture.name}.html`));
      const before = errors.records.length;
      const actual = mainContentOf(await renderHere(fixture.name));
      // Jekyll built every page, so nothing here may be an error (undefined variables are warnings).
      const failures = errors.records.slice(before).filter((record) => record.severity !== "warning");
      expect({ ...actual, errors: failures.map((record) => String((record.error as Error).message)) }).toEqual({ ...expected, errors: [] });
    });
  }
});

describe("what Jekyll renders as nothing is still reported", () => {
  it("reports each undefined variable as a warning, at its line and column in the page", async () => {
    const before = errors.records.length;
    await renderHere("undefined-variable");
    const findings = liquidFindings(errors.records.slice(before), model, Object.keys(liquid.filters));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`)).toEqual([
      'content/undefined-variable.html:4:15: warning: undefined variable or data key "page.missing": "page" has no key "missing"; it has layout, inputPath, url, title (rendered as nothing, as Jekyll does)',
      'content/undefined-variable.html:4:40: warning: undefined variable or data key "nothing": "nothing" is not defined on this page (rendered as nothing, as Jekyll does)',
    ]);
  });

  it("reports each unknown filter as a warning where it is written, with the nearest filter's name", async () => {
    const ofPage = errors.records.filter((record) => record.page?.endsWith("unknown-filter.html"));
    const findings = liquidFindings(ofPage, model, Object.keys(liquid.filters));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`)).toEqual([
      'content/unknown-filter.html:5:26: warning: unknown filter "no_such_filter" (the value is shown unchanged, as Jekyll does)',
      'content/unknown-filter.html:5:71: warning: unknown filter "no_such_filter" (the value is shown unchanged, as Jekyll does)',
    ]);
  });
});
