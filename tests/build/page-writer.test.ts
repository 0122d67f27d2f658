import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build-site.ts";
import type { WrittenPage } from "../../src/build/page-writer.ts";
import { makeFixtureSite } from "../helpers/site.ts";

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
    expect(await readFile(page.outputPath.replace(/^.*\.staging-[^/]+/, outputDir), "utf8")).toBe(page.content);
    expect(await readFile(path.join(outputDir, "docs/assets/site.css"), "utf8")).toContain("--sidebar-width");
  });
});
