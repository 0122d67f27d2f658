import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/model/files.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/**
 * One reader, one parse: a build reads each of the author's files once into the site model,
 * parses each YAML text once with the build's reader (js-yaml), and parses for positions (the
 * `yaml` package) only what a finding must locate. What renders is the model, not the disk.
 */

let root: string;
beforeAll(async () => {
  root = await makeFixtureSite();
});
afterAll(async () => {
  const { rm } = await import("node:fs/promises");
  await rm(root, { recursive: true, force: true });
});

async function sourceFiles() {
  const below = async (dir: string) => (await listFiles(path.join(root, dir))).map((file) => `${dir}/${file}`);
  const pages = (await below("content")).filter((file) => /\.(md|html|liquid)$/.test(file) && !file.startsWith("content/assets/"));
  const includes = await below("_includes");
  const data = (await below("_data")).filter((file) => /\.ya?ml$/.test(file));
  return { pages, includes, data };
}

describe("a clean build", () => {
  it("reads each page, include and data file once, and parses each YAML text once", async () => {
    const result = await runPipeline({ root });
    expect(result.findings).toEqual([]);
    const model = result.rendered!.model;
    const { pages, includes, data } = await sourceFiles();
    expect(model.reads.files).toBe(pages.length + includes.length + data.length);
    const withFrontMatter = [...model.pages, ...model.layouts].filter((file) => file.frontMatter !== undefined);
    expect(model.reads.yamlTexts).toBe(withFrontMatter.length + data.length);
  });

  it("parses no YAML for positions: nothing needed locating", async () => {
    const model = (await runPipeline({ root })).rendered!.model;
    const sources = [...model.pages.map((page) => page.frontMatter), ...model.dataFiles.map((file) => file.yaml)];
    expect(sources.filter((source) => source?.hasPositions).map((source) => source!.file)).toEqual([]);
  });
});

describe("a build with a mistake", () => {
  it("parses for positions only the file whose finding needs locating", async () => {
    const file = path.join(root, "content/destinations.md");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace(/^title: .*$/m, "title: [unclosed"));
    try {
      const result = await runPipeline({ root });
      expect(result.findings.map((found) => found.file)).toContain("content/destinations.md");
      const model = result.rendered!.model;
      const located = [...model.pages.map((page) => page.frontMatter), ...model.dataFiles.map((data) => data.yaml)]
        .filter((source) => source?.hasPositions)
        .map((source) => source!.file);
      expect(located).toEqual(["content/destinations.md"]);
    } finally {
      await writeFile(file, original);
    }
  });
});
