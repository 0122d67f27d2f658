import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { PageWriter } from "../../src/publish/page-writer.ts";
import type { RenderedPage } from "../../src/render/page-output.ts";
import { CLI_DIST } from "../helpers/cli-dist.ts";
import { makeFixtureSite } from "../helpers/site.ts";

// Pages are written as they are rendered, one page through all its layouts at a time, so that a
// build does not hold every page's HTML at once (the memory figures are in `npm run bench`).
describe("the page writer's gate", () => {
  it("lets one page at a time through its layouts to the writer, in URL order, whatever order they ask in", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "page-writer-"));
    try {
      const writer = new PageWriter(dir, { summarize: false }, 3);
      const urls = ["/a.html", "/b.html", "/c.html"];
      writer.expect(urls);
      const events: string[] = [];
      // As Eleventy does: every page's layouts start at once (in its own order), each page awaits
      // between its layouts and its transforms.
      await Promise.all(
        ["/c.html", "/a.html", "/b.html"].map(async (url) => {
          await writer.turn(url);
          events.push(`layouts ${url}`);
          for (let i = 0; i < 5; i++) await Promise.resolve();
          writer.take({ outputPath: path.join(dir, url), url, inputPath: `${url}.md`, order: urls.indexOf(url), content: url });
          events.push(`write ${url}`);
        }),
      );
      await writer.finish();
      expect(events).toEqual(urls.flatMap((url) => [`layouts ${url}`, `write ${url}`]));
      expect(await readFile(path.join(dir, "b.html"), "utf8")).toBe("/b.html");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the page writer in a build", () => {
  let root: string;
  let outputDir: string;
  const written: RenderedPage[] = [];

  beforeAll(async () => {
    root = await makeFixtureSite();
    outputDir = path.join(root, "_site");
    const result = await runPipeline({ root, publish: true, onPage: (page) => void written.push(page) });
    expect(result.published).toBe(true);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("starts the pages in the order of their URLs, whatever order Eleventy read them in", () => {
    const urls = written.filter((page) => page.outputPath.endsWith(".html")).map((page) => page.url);
    expect(urls.length).toBeGreaterThan(30);
    expect(urls).toEqual([...urls].sort());
    expect(written.filter((page) => page.outputPath.endsWith(".html")).map((page) => page.order)).toEqual(urls.map((_, i) => i));
  });

  it("writes what it hands to its listeners, and copies the assets", async () => {
    const page = written.find((candidate) => candidate.url === "/docs/")!;
    expect(page.content).toContain("<!DOCTYPE html>");
    expect(await readFile(path.join(outputDir, "docs/index.html"), "utf8")).toBe(page.content);
    expect(await readFile(path.join(outputDir, "docs/assets/site.css"), "utf8")).toContain("--sidebar-width");
  });
});

describe("a build that fails before its first page", () => {
  it("stops the page writer's thread, so that the process can exit", async () => {
    const root = await makeFixtureSite({ files: { "_data/site.yml": "baseurl: [unclosed\n" } });
    try {
      // The pipeline as compiled for this run (vitest's globalSetup): node starts it in a fraction of tsx's time.
      const script = path.join(root, "build.mjs");
      const pipelineModule = JSON.stringify(pathToFileURL(path.join(CLI_DIST, "cli/run-pipeline.js")).href);
      await writeFile(
        script,
        `import { runPipeline } from ${pipelineModule};\n` +
          `await runPipeline({ root: ${JSON.stringify(root)}, publish: true, searchIndex: true }).then((r) => console.log(r.published ? "built" : "failed"), () => console.log("failed"));\n`,
      );
      // A thread left running would keep the process up until the timeout kills it.
      const run = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe("failed");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("the page writer's last guard", () => {
  it("fails the build, naming the page, when a page's output path leaves the site's folder", async () => {
    const root = await makeFixtureSite();
    try {
      // Data no check has seen (a template added by a plugin) asking Eleventy to write the page
      // at its permalink from the working folder, not the build's: ./escapes/index.html.
      const build = runPipeline({
        root,
        publish: true,
        plugins: [
          (eleventyConfig) => eleventyConfig.addTemplate("escapes.md", "Out of the site.", { layout: "page", title: "Out", permalinkBypassOutputDir: true }),
        ],
      });
      const failure = await build.then(
        () => "built",
        (error: unknown) => {
          // Eleventy wraps a transform's error: the CLI shows the innermost messages, so do the tests.
          const messages: string[] = [];
          for (let e = error as { message?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e)
            messages.push(String(e.message));
          return messages.join("\n");
        },
      );
      expect(failure).toMatch(/escapes\.md: the page would be written to \.\/escapes\/index\.html, outside the site's folder/);
      await expect(readFile(path.resolve("escapes/index.html"), "utf8")).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
