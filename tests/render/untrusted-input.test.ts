import { existsSync } from "node:fs";
import { lstat, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { formatFinding } from "../../src/checks/finding.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { CONNECTION_GUIDES } from "../checks/fixture-tutorial.ts";
import { buildFixtureSite, makeFixtureSite, renderFixtureSite } from "../helpers/site.ts";

/**
 * What the build does with what the checks refuse: links out of the site are never followed,
 * values from data files are escaped where they reach attributes, nothing is written outside the
 * site, and a build leaves out what it refused (the pages it renders are watched through the
 * pipeline's onPage). The findings themselves are in tests/checks/findings.test.ts.
 */

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })));
});

async function fixture(options: Parameters<typeof makeFixtureSite>[0]): Promise<string> {
  const root = await makeFixtureSite(options);
  roots.push(root);
  return root;
}

/**
 * The same without the connection guides (it builds clean without them), for a test whose
 * input is files of its own: each build renders every page, and the guides are most of them.
 */
const ownFilesFixture = (options: Parameters<typeof makeFixtureSite>[0]) => fixture({ ...options, remove: [...CONNECTION_GUIDES, ...(options?.remove ?? [])] });

/** Every entry below `dir` (files, folders, links), relative to it. */
async function entriesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

const PASSWD_LINE = /^root:.*:0:0:/m;

/** Builds the site at `root` as `npm run build` does, with every page rendered. */
async function build(root: string) {
  const rendered: string[] = [];
  const result = await runPipeline({ root, publish: true, onPage: (page) => void rendered.push(page.content) });
  return { result, rendered, lines: result.findings.map(formatFinding) };
}

describe("symbolic links", () => {
  it("out of the site are refused at their paths, and nothing is rendered from them", async () => {
    const root = await fixture({
      links: { "content/common/pw.md": "/etc/passwd", "content/assets/passwd.txt": "/etc/passwd", "content/assets/etc": "/etc" },
    });
    const { result, rendered, lines } = await build(root);
    expect(lines).toEqual([
      expect.stringMatching(/^content\/assets\/etc:1:1: error: this file is not read: it is a link to \/etc, outside the site's folder/),
      expect.stringMatching(/^content\/assets\/passwd\.txt:1:1: error: this file is not read: it is a link to \/etc\/passwd/),
      expect.stringMatching(/^content\/common\/pw\.md:1:1: error: this file is not read: it is a link to \/etc\/passwd/),
    ]);
    expect(result.published).toBe(false);
    expect(rendered.length).toBeGreaterThan(30);
    for (const html of rendered) expect(html).not.toMatch(PASSWD_LINE);
  });

  it("inside the site are followed, and assets are copied as files", async () => {
    const root = await ownFilesFixture({
      files: {
        "brand/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        "shared-pages/guide.md": "---\ntitle: Shared guide\nlayout: page\n---\nText.\n",
      },
      links: { "content/assets/logo.svg": "../../brand/logo.svg", "content/common/guide.md": "../../shared-pages/guide.md" },
    });
    const built = await buildFixtureSite(root);
    for (const entry of await entriesBelow(built.outputDir)) expect((await lstat(path.join(built.outputDir, entry))).isSymbolicLink(), entry).toBe(false);
    expect(await readFile(path.join(built.outputDir, "docs/assets/logo.svg"), "utf8")).toContain("<svg");
    expect((await built.page("/docs/common/guide"))("h1").text()).toBe("Shared guide");
  });

  it("in _includes/ or _data/ are refused at their paths, and never read", async () => {
    for (const [link, target] of [
      ["_includes/system", "/etc"],
      ["_data/passwords.yml", "/etc/passwd"],
    ] as const) {
      const root = await ownFilesFixture({ links: { [link]: target } });
      const { result, rendered, lines } = await build(root);
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^${link}:1:1: error: this file is not read: it is a link to /etc`))]);
      expect(result.published).toBe(false);
      for (const html of rendered) expect(html).not.toMatch(PASSWD_LINE);
    }
  });
});

describe("hidden files", () => {
  it("are not built, as Jekyll skips them and the checks never see them", async () => {
    const root = await ownFilesFixture({
      files: { "content/common/.draft.md": "<script>alert(1)</script>\n", "content/.drafts/page.md": "<script>alert(2)</script>\n" },
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.findings).toEqual([]);
    expect((await entriesBelow(path.join(root, "_site"))).filter((entry) => /draft/.test(entry))).toEqual([]);
  });
});

describe("a site folder that is itself a link out of the site", () => {
  it("is refused at its path, and nothing is built from it", async () => {
    const root = await ownFilesFixture({});
    const elsewhere = await mkdtemp(path.join(tmpdir(), "stitch-docs-elsewhere-"));
    roots.push(elsewhere);
    await rename(path.join(root, "content"), path.join(elsewhere, "content"));
    await symlink(path.join(elsewhere, "content"), path.join(root, "content"));
    const result = await runPipeline({ root, publish: true });
    expect(result.findings.map(formatFinding)).toEqual([
      expect.stringMatching(/^content:1:1: error: this file is not read: it is a link to .*, outside the site's folder/),
    ]);
    expect(result.published).toBe(false);
    expect(existsSync(path.join(root, "_site"))).toBe(false);
  });
});

describe("data files", () => {
  it("next to pages are not read: Jekyll has none, and Eleventy would run a script one", async () => {
    const root = await fixture({
      files: {
        "content/integrations/databases/databases.json": '{ "search": false }\n',
        "content/integrations/databases/mysql.11tydata.js": "module.exports = { search: false };\n",
        "content/integrations/databases/postgresql.11tydata.json": '{ "search": false }\n',
      },
    });
    const built = await buildFixtureSite(root);
    for (const page of ["mysql", "postgresql", "oracle"]) {
      expect((await built.page(`/docs/integrations/databases/${page}`))("[data-pagefind-body]").length, page).toBe(1);
    }
  });

  it("that are scripts are never run: only YAML data is read, as Jekyll reads it", async () => {
    const marker = path.join(tmpdir(), `stitch-docs-data-script-ran-${process.pid}`);
    const root = await ownFilesFixture({
      files: { "_data/computed.js": `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = { answer: 42 };\n` },
    });
    const { result } = await build(root);
    expect(result.published).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });
});

describe("values from data files are escaped where they reach attributes", () => {
  it("keeps quotes and angle brackets in the edit link and breadcrumbs as text", async () => {
    const root = await fixture({});
    const settingsFile = path.join(root, "_data/site.yml");
    const settings = await readFile(settingsFile, "utf8");
    const editUrl = 'https://example.com/edit/{path}?x="><b class="injected">x</b>';
    const sectionUrl = '/integrations"><b class="injected">x</b>';
    await writeFile(settingsFile, settings.replace(/^edit-url:.*$/m, `edit-url: '${editUrl}'`).replace("url: /integrations", `url: '${sectionUrl}'`));
    // The injected section URL is also a broken link (an error): the page is still rendered.
    const built = await renderFixtureSite(root);
    const $ = await built.page("/docs/integrations/databases/mysql");
    expect($(".injected").length).toBe(0);
    expect($("a.edit-link").attr("href")).toBe(editUrl.replace("{path}", "content/integrations/databases/mysql.md"));
    expect($(".breadcrumbs a").eq(1).attr("href")).toBe(`/docs${sectionUrl}`);
  });
});

describe("front matter keys that Eleventy would act on", () => {
  // Eleventy gets the author's front matter under one key of its own (PAGE_DATA_KEY), so none of
  // its settings can be set by a page: the page is written at its URL and nowhere else.
  it("are the author's data only: the page is written at its own URL, nothing outside the site", async () => {
    const outside = `stitch-docs-computed-${process.pid}`;
    const root = await ownFilesFixture({
      files: {
        "content/common/computed.md": `---\ntitle: Computed\nlayout: page\npermalinkBypassOutputDir: true\neleventyComputed:\n  permalink: /../../${outside}.html\neleventyExcludeFromCollections: true\n---\nText.\n`,
        "_data/permalinkBypassOutputDir.yml": "true\n",
      },
    });
    const { result } = await build(root);
    expect(result.findings).toEqual([]);
    expect(result.published).toBe(true);
    expect(existsSync(path.join(root, "_site/docs/common/computed.html"))).toBe(true);
    expect((await entriesBelow(root)).filter((entry) => entry.includes(outside))).toEqual([]);
    expect(existsSync(path.join(path.dirname(root), `${outside}.html`))).toBe(false);
  });
});

describe("nothing is written outside the site", () => {
  it("a permalink that climbs out is refused at its line, and the page is not written anywhere", async () => {
    const root = await ownFilesFixture({
      files: { "content/common/out.md": "---\ntitle: Out\nlayout: page\npermalink: /../../../outside\n---\nText.\n" },
    });
    const { result, lines } = await build(root);
    expect(lines).toEqual([expect.stringMatching(/^content\/common\/out\.md:4:1: error: permalink "\/\.\.\/\.\.\/\.\.\/outside" is not a valid URL path/)]);
    expect(result.published).toBe(false);
    // `<staging>/docs/../../../outside.html` is two folders above the site's.
    for (const dir of [root, path.dirname(root), path.dirname(path.dirname(root))]) expect(existsSync(path.join(dir, "outside.html")), dir).toBe(false);
  });
});

describe("Eleventy's own settings in front matter", () => {
  // Eleventy never sees a page's front matter as its own data (src/jekyll/scope.ts): these are a
  // page's data like any other, and cannot move it, multiply it or write it outside the site.
  it.each(["permalinkBypassOutputDir: true", "eleventyComputed:\n  permalink: /../../computed.html", "pagination:\n  data: collections.all\n  size: 1"])(
    "are the page's own data, with no say in where it is built: %s",
    async (lines) => {
      const root = await ownFilesFixture({ files: { "content/common/eleventy-keys.md": `---\ntitle: Keys\nlayout: page\n${lines}\n---\nText.\n` } });
      const pages: string[] = [];
      const result = await runPipeline({ root, publish: true, onPage: (page) => void pages.push(page.outputPath) });
      expect(result.findings).toEqual([]);
      // The page and its Markdown copy, each once, in their places.
      expect(pages.filter((file) => file.includes("eleventy-keys")).map((file) => file.slice(file.indexOf("/docs/")))).toEqual([
        "/docs/common/eleventy-keys.html",
        "/docs/common/eleventy-keys.md",
      ]);
      expect(pages.every((file) => file.startsWith(path.join(root, "._site.builds") + path.sep))).toBe(true);
      expect(await readFile(path.join(root, "_site/docs/common/eleventy-keys.html"), "utf8")).toContain("<h1>Keys</h1>");
      for (const dir of [root, path.dirname(root), "/docs"]) expect(existsSync(path.join(dir, "computed.html")), dir).toBe(false);
    },
  );
});

describe("a checked build leaves out what the checks refused", () => {
  /** The output paths a checked build wrote, with each page's <title>. */
  async function writtenPages(root: string) {
    const written = new Map<string, string>();
    const result = await runPipeline({ root, onPage: (page) => void written.set(page.url, cheerio.load(page.content)("title").text()) });
    return { result, written };
  }

  it("writes the page, not a redirect, at a URL a redirect_from entry claims", async () => {
    const root = await fixture({
      files: { "content/common/moved.md": "---\ntitle: Moved\nlayout: page\nredirect_from: /integrations\n---\nText.\n" },
    });
    const { result, written } = await writtenPages(root);
    expect(result.findings.map(formatFinding)).toEqual([
      expect.stringMatching(/^content\/common\/moved\.md:4:1: error: redirect_from "\/integrations" is already the URL of content\/integrations\.md/),
    ]);
    expect(written.get("/docs/integrations.html")).toMatch(/^Database integrations/);
  });

  it("writes no redirect to a page it renders for checking only", async () => {
    const root = await ownFilesFixture({
      // Steps that are not a list: the page breaks the format; its body is checked with the default layout, never published.
      files: { "content/broken.md": "---\ntitle: Broken\nlayout: tutorial\nredirect_from: /old-broken\nsteps: 3\n---\nText.\n" },
    });
    const { result, written } = await writtenPages(root);
    expect(result.findings.map(formatFinding)).toEqual([expect.stringMatching(/^content\/broken\.md:5:1: error: "steps" must be a list/)]);
    expect(result.published).toBe(false);
    expect([...written.keys()].filter((url) => /broken/.test(url))).toEqual(["/docs/broken.html"]);
  });
});
