import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "./fixture-tutorial.ts";

/** Every file below `dir` with a hash of its bytes, sorted by path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const hashes: Record<string, string> = {};
  for (const file of files.sort()) {
    hashes[path.relative(dir, file)] = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  }
  return hashes;
}

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

describe("builds never damage the published site", () => {
  it("a build that fails its checks leaves the previous _site/ byte-identical", async () => {
    const root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText() } });
    roots.push(root);
    const first = await runPipeline({ root, publish: true });
    expect(first.published).toBe(true);
    const before = await snapshot(path.join(root, "_site"));
    expect(Object.keys(before).length).toBeGreaterThan(30);

    // A broken edit: an undefined data key in one tutorial and a page whose YAML does not parse.
    await writeFile(
      path.join(root, TUTORIAL_FILE),
      tutorialText((l) => (l[20] = "      {{ link.connections.nope }}")),
    );
    await writeFile(path.join(root, "content/common/broken.md"), "---\ntitle: [unclosed\n---\nText.\n");
    const failed = await runPipeline({ root, publish: true });
    expect(failed.errors).toBe(2);
    expect(failed.published).toBe(false);
    expect(await snapshot(path.join(root, "_site"))).toEqual(before);
    // Nothing is left behind beside it either.
    expect((await readdir(root)).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
  });

  it("warnings alone do not stop a build, unless strict", async () => {
    const root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText((l) => (l[20] = "      It isnâ€™t done.")) } });
    roots.push(root);
    const strict = await runPipeline({ root, publish: true, strict: true });
    expect(strict).toMatchObject({ errors: 0, warnings: 1, published: false });
    expect((await readdir(root)).includes("_site")).toBe(false);
    const lenient = await runPipeline({ root, publish: true });
    expect(lenient).toMatchObject({ errors: 0, warnings: 1, published: true });
  });

  it("two builds of the same tree are byte-identical", async () => {
    const root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText() } });
    roots.push(root);
    await runPipeline({ root, publish: true, outputDir: "_site-a" });
    await runPipeline({ root, publish: true, outputDir: "_site-b" });
    const a = await snapshot(path.join(root, "_site-a"));
    const b = await snapshot(path.join(root, "_site-b"));
    expect(Object.keys(a).length).toBeGreaterThan(30);
    expect(b).toEqual(a);
  });
});

describe("front-matter text is escaped where it reaches <title> and attributes", () => {
  it("keeps quotes, ampersands and angle brackets as text", async () => {
    const title = `Tunnels & "quotes" <b>not bold</b> 'single'`;
    const summary = `Summary with "double quotes", <tags> & ampersands`;
    const root = await makeFixtureSite({
      files: {
        [TUTORIAL_FILE]: tutorialText((l) => {
          l[1] = `title: ${JSON.stringify(title)}`;
          l[3] = `summary: ${JSON.stringify(summary)}`;
        }),
      },
    });
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    expect(result.errors).toBe(0);
    const html = await readFile(path.join(root, "_site/docs", `${TUTORIAL_URL}.html`), "utf8");
    const $ = cheerio.load(html);
    expect($("title").text()).toBe(`${title} | Stitch Documentation`);
    expect($('meta[name="description"]').attr("content")).toBe(summary);
    expect($("h1").text()).toBe(title);
    expect($("h1 b")).toHaveLength(0);
    // <title> is raw text to the HTML parser, so only escaping keeps the markup out of it.
    const rawTitle = /<title>([\s\S]*?)<\/title>/.exec(html)![1]!;
    expect(rawTitle).not.toContain("<b>");
    expect(rawTitle).toContain("&lt;b&gt;");
  });
});
