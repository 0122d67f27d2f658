import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";

// npm start and the tests build many times in one process: each build must read the files as
// they are now, though Eleventy caches file contents, compiled templates and layouts.
describe("a second build in the same process", () => {
  let root: string;
  const homePage = async () => cheerio.load(await readFile(path.join(root, "_site/docs/index.html"), "utf8"));
  const edit = async (file: string, change: (text: string) => string) =>
    writeFile(path.join(root, file), change(await readFile(path.join(root, file), "utf8")));

  beforeAll(async () => {
    root = await makeFixtureSite();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("sees an edited page, layout and include", async () => {
    expect((await runPipeline({ root, publish: true })).published).toBe(true);
    expect((await homePage())("h1").text()).toBe("Stitch Documentation");

    await edit("content/index.md", (text) => text.replace("title: Stitch Documentation", "title: Stitch Guides"));
    await edit("_includes/layouts/page.html", (text) => text.replace("<h1>{{ title | escape }}</h1>", '<h1 class="edited">{{ title | escape }}</h1>'));
    await edit("_includes/site/header.html", (text) => text.replace('<header class="site-header">', '<header class="site-header edited">'));
    expect((await runPipeline({ root, publish: true })).published).toBe(true);

    const $ = await homePage();
    expect($("h1.edited").text()).toBe("Stitch Guides");
    expect($("header.site-header.edited").length).toBe(1);
  });
});
