import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JekyllLiquid } from "../../src/jekyll/engine.ts";
import { engineForSite } from "../helpers/engine.ts";

describe("include_cached", () => {
  let root: string;
  let liquid: JekyllLiquid;
  const include = (name: string, text: string) => writeFile(path.join(root, "_includes", name), text);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "include-cached-"));
    await mkdir(path.join(root, "_includes"), { recursive: true });
    // Counts its own renders through a filter, so a test can tell a cached render from a new one.
    await include("badge.html", "{% assign inner = include.label | upcase %}[{{ inner | count_render }}{{ site.suffix }}]");
    await include("peek.html", "{{ page.title }}");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  let renders = 0;
  /** A new build's engine: the includes as they are now, nothing cached. */
  const newBuild = () => {
    liquid = engineForSite(root);
    liquid.registerFilter("count_render", (input: unknown) => {
      renders++;
      return input;
    });
  };

  const render = (source: string, data: Record<string, unknown>) => liquid.render(liquid.parse(source), data);

  it("renders once per build for each set of parameters, and again in the next build", async () => {
    newBuild();
    renders = 0;
    const source = '{% include_cached badge.html label=word %}{% include_cached badge.html label="b" %}';
    expect(await render(source, { word: "a", site: { suffix: "!" } })).toBe("[A!][B!]");
    expect(await render(source, { word: "a", site: { suffix: "!" } })).toBe("[A!][B!]");
    expect(await render(source, { word: "c", site: { suffix: "!" } })).toBe("[C!][B!]");
    expect(renders).toBe(3);
    await include("badge.html", "<{{ include.label }}>");
    newBuild();
    expect(await render(source, { word: "a" })).toBe("<a><b>");
  });

  it("keeps the include's assigns inside it", async () => {
    newBuild();
    expect(await render('{% include_cached badge.html label="x" %}{{ inner }}', { inner: "page's own" })).toBe("<x>page's own");
  });

  it("does not let the include read the page: a page variable is undefined there", async () => {
    newBuild();
    await expect(render("{% include_cached peek.html %}", { page: { title: "T" } })).rejects.toThrow(/undefined variable: page/);
  });
});
