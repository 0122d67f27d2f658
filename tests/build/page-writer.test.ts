import { spawnSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/pipeline/build-site.ts";
import type { WrittenPage } from "../../src/publish/page-writer.ts";
import { makeFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";

// Pages are written as they are rendered, one page through all its layouts at a time, so that a
// build does not hold every page's HTML at once (the memory figures are in `npm run bench`).
describe("the page writer", () => {
  let root: string;
  let outputDir: string;
  const events: string[] = [];
  const written: WrittenPage[] = [];

  beforeAll(async () => {
    root = await makeFixtureSite();
    ({ outputDir } = await buildSite({
      root,
      configure: (_eleventyConfig, site) => {
        const render = site.liquid.render.bind(site.liquid);
        site.liquid.render = (templates, scope, options) => {
          const data = scope as { content?: unknown; page?: { url?: string } } | undefined;
          const rendered = render(templates, scope, options);
          // When the layout has rendered (a render may first wait for its turn).
          if (data?.content !== undefined) void rendered.then(() => events.push(`layout ${data.page?.url}`));
          return rendered;
        };
        site.pages.onPage((page) => {
          events.push(`write ${page.url}`);
          written.push(page);
        });
      },
    }));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("writes each page before the next page's layouts start", () => {
    const tutorial = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection.html";
    const own = events.filter((event) => event.endsWith(` ${tutorial}`));
    // The tutorial layout, then base, then the write, with no other page's layout in between.
    expect(own).toEqual([`layout ${tutorial}`, `layout ${tutorial}`, `write ${tutorial}`]);
    const first = events.indexOf(own[0]!);
    expect(events.slice(first, first + 3)).toEqual(own);
    const firstWrite = events.findIndex((event) => event.startsWith("write "));
    const lastLayout = events.map((event) => event.startsWith("layout ")).lastIndexOf(true);
    expect(firstWrite).toBeLessThan(lastLayout);
  });

  it("starts the pages in the order of their URLs, whatever order Eleventy read them in", () => {
    const urls = written.filter((page) => page.outputPath.endsWith(".html")).map((page) => page.url);
    expect(urls.length).toBeGreaterThan(30);
    expect(urls).toEqual([...urls].sort());
    expect(written.filter((page) => page.outputPath.endsWith(".html")).map((page) => page.order)).toEqual(urls.map((_, i) => i));
  });

  it("writes what it hands to its listeners, and Eleventy's passthrough copies", async () => {
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
      const script = path.join(root, "build.mts");
      const buildSiteModule = JSON.stringify(path.join(PROJECT_ROOT, "src/pipeline/build-site.ts"));
      await writeFile(
        script,
        `import { buildSite } from ${buildSiteModule};\n` +
          `await buildSite({ root: ${JSON.stringify(root)}, searchIndex: true }).then(() => console.log("built"), () => console.log("failed"));\n`,
      );
      // A thread left running would keep the process up until the timeout kills it.
      const run = spawnSync(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), [script], { encoding: "utf8", timeout: 60_000 });
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
      // Data no check has seen (a template added by the build's own wiring) asking Eleventy to
      // write the page at its permalink from the file system's root: /docs/escapes.html.
      const build = buildSite({
        root,
        configure: (eleventyConfig) =>
          eleventyConfig.addTemplate("escapes.md", "Out of the site.", { layout: "page", title: "Out", permalinkBypassOutputDir: true }),
      });
      const failure = await build.then(
        () => "built",
        (error: unknown) => {
          // Eleventy wraps a transform's error: the CLI shows the innermost messages, so do the tests.
          const messages: string[] = [];
          for (let e = error as { message?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) messages.push(String(e.message));
          return messages.join("\n");
        },
      );
      expect(failure).toMatch(/escapes\.md: the page would be written to \/docs\/escapes\.html, outside the site's folder/);
      await expect(readFile("/docs/escapes.html", "utf8")).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
