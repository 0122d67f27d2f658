import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createMarkdown } from "../../src/markdown/index.ts";
import { htmlShape } from "../helpers/html-shape.ts";
import { buildWithJekyll, jekyllInstalled, readPage, writeSite } from "../helpers/jekyll.ts";

/**
 * Each kramdown construct the authors' sites use, as a fixture page rendered by Jekyll 4.3
 * (kramdown 2, GFM input, Jekyll's defaults) and by this project's markdown: the two must give
 * the same HTML shape (tags, ids, classes, links, text). One Jekyll build holds every fixture.
 */

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "kramdown-fixtures");
const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".md"))
  .map((file) => file.slice(0, -3))
  .sort();
const sourceOf = (name: string) => readFileSync(path.join(FIXTURES, `${name}.md`), "utf8");

// In CI Jekyll is installed by .ci/run, so a missing one fails there instead of skipping.
describe.skipIf(!jekyllInstalled() && process.env.CI !== "true")("kramdown as Jekyll renders it", () => {
  let jekyllOutput: string;

  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (const name of names) files[`${name}.md`] = `---\nlayout: null\n---\n${sourceOf(name)}`;
    jekyllOutput = await buildWithJekyll(await writeSite(files, "kramdown-differential-"));
  });

  it.each(names)("%s", async (name) => {
    const ours = htmlShape(createMarkdown({ blockTagsInText: "text", markup: "kramdown" }).render(sourceOf(name)));
    const jekylls = htmlShape(await readPage(jekyllOutput, `${name}.html`));
    expect(ours).toBe(jekylls);
  });
});
