import { existsSync } from "node:fs";
import { lstat, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { checkSite } from "../../src/pipeline/check-site.ts";
import { formatFinding } from "../../src/checks/finding.ts";
import { buildFixtureSite, makeFixtureSite } from "../helpers/site.ts";

/**
 * What the build does with what the checks refuse, when it gets it anyway (a build run without
 * the checks, as `buildSite` is): links out of the site are never followed, values from data
 * files are escaped where they reach attributes, nothing is written outside the site, and a
 * checked build leaves out what it refused. The findings themselves are in
 * tests/checks/findings.test.ts.
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

/** Every entry below `dir` (files, folders, links), relative to it. */
async function entriesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

/** An error's message and those of its causes (Eleventy wraps what went wrong). */
function causes(error: unknown): string[] {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = (current as Error & { originalError?: unknown }).originalError ?? current.cause) {
    messages.push(current.message);
  }
  return messages;
}

const PASSWD_LINE = /^root:.*:0:0:/m;

describe("symbolic links", () => {
  it("never publishes a file from outside the site, and copies assets as files", async () => {
    const root = await fixture({
      files: {
        "brand/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        "shared-pages/guide.md": "---\ntitle: Shared guide\nlayout: page\n---\nText.\n",
      },
      links: {
        "content/common/pw.md": "/etc/passwd",
        "content/assets/passwd.txt": "/etc/passwd",
        "content/assets/etc": "/etc",
        // Inside the site's folder: followed, as files.
        "content/assets/logo.svg": "../../brand/logo.svg",
        "content/common/guide.md": "../../shared-pages/guide.md",
      },
    });
    const built = await buildFixtureSite(root);
    const entries = await entriesBelow(built.outputDir);
    for (const entry of entries) {
      const stats = await lstat(path.join(built.outputDir, entry));
      expect(stats.isSymbolicLink(), entry).toBe(false);
      if (stats.isFile()) expect(await readFile(path.join(built.outputDir, entry), "utf8"), entry).not.toMatch(PASSWD_LINE);
    }
    expect(entries.filter((entry) => /passwd|docs\/common\/pw|assets\/etc/.test(entry))).toEqual([]);
    expect(await readFile(path.join(built.outputDir, "docs/assets/logo.svg"), "utf8")).toContain("<svg");
    expect((await built.page("/docs/common/guide"))("h1").text()).toBe("Shared guide");
  });

  it("stops a build with a named link in _includes/ or _data/ before anything reads it", async () => {
    for (const [link, target] of [["_includes/system", "/etc"], ["_data/passwords.yml", "/etc/passwd"]] as const) {
      const root = await fixture({ links: { [link]: target } });
      await expect(buildFixtureSite(root)).rejects.toThrow(new RegExp(`^${link} is not read: it is a link to /etc`));
    }
  });
});

describe("hidden files", () => {
  it("are not built, as Jekyll skips them and the checks never see them", async () => {
    const root = await fixture({
      files: { "content/common/.draft.md": "<script>alert(1)</script>\n", "content/.drafts/page.md": "<script>alert(2)</script>\n" },
    });
    const result = await checkSite({ root, publish: true });
    expect(result.findings).toEqual([]);
    expect((await entriesBelow(path.join(root, "_site"))).filter((entry) => /draft/.test(entry))).toEqual([]);
  });
});

describe("a site folder that is itself a link out of the site", () => {
  it("is refused at its path, and nothing is built from it", async () => {
    const root = await fixture({});
    const elsewhere = await mkdtemp(path.join(tmpdir(), "stitch-docs-elsewhere-"));
    roots.push(elsewhere);
    await rename(path.join(root, "content"), path.join(elsewhere, "content"));
    await symlink(path.join(elsewhere, "content"), path.join(root, "content"));
    const result = await checkSite({ root, publish: true });
    expect(result.findings.map(formatFinding)).toEqual([expect.stringMatching(/^content:1:1: error: this file is not read: it is a link to .*, outside the site's folder/)]);
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

  it("a build run without the checks stops at a data file Eleventy would run, naming it", async () => {
    const root = await fixture({ files: { "_data/computed.js": "module.exports = { answer: 42 };\n" } });
    await expect(buildFixtureSite(root)).rejects.toThrow(/^_data\/computed\.js: a data file that is a script would be run by the build/);
  });
});

describe("values from data files are escaped where they reach attributes", () => {
  it("keeps quotes and angle brackets in the edit link and breadcrumbs as text", async () => {
    const root = await fixture({});
    const settingsFile = path.join(root, "_data/site.yml");
    const settings = await readFile(settingsFile, "utf8");
    const editUrl = 'https://example.com/edit/{path}?x="><b class="injected">x</b>';
    const sectionUrl = '/integrations"><b class="injected">x</b>';
    await writeFile(
      settingsFile,
      settings
        .replace(/^edit-url:.*$/m, `edit-url: '${editUrl}'`)
        .replace("url: /integrations", `url: '${sectionUrl}'`),
    );
    const built = await buildFixtureSite(root);
    const $ = await built.page("/docs/integrations/databases/mysql");
    expect($(".injected").length).toBe(0);
    expect($("a.edit-link").attr("href")).toBe(editUrl.replace("{path}", "content/integrations/databases/mysql.md"));
    expect($(".breadcrumbs a").eq(1).attr("href")).toBe(`/docs${sectionUrl}`);
  });
});

describe("nothing is written outside the site", () => {
  it("a build run without the checks stops at a permalink that climbs out, naming the page", async () => {
    const root = await fixture({
      files: { "content/common/out.md": "---\ntitle: Out\nlayout: page\npermalink: /../../../outside\n---\nText.\n" },
    });
    const failure = await buildFixtureSite(root).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(causes(failure)).toContainEqual(expect.stringMatching(/^content\/common\/out\.md: "\/\.\.\/\.\.\/\.\.\/outside" is not a valid URL path/));
    // `<staging>/docs/../../../outside.html` is two folders above the site's.
    for (const dir of [root, path.dirname(root), path.dirname(path.dirname(root))]) expect(existsSync(path.join(dir, "outside.html")), dir).toBe(false);
  });
});

describe("Eleventy's own settings in front matter", () => {
  it.each([
    ["permalinkBypassOutputDir: true", "permalinkBypassOutputDir"],
    ["eleventyComputed:\n  permalink: /../../computed.html", "eleventyComputed"],
  ])("stop a build run without the checks: %s", async (lines, key) => {
    const root = await fixture({ files: { "content/common/eleventy-keys.md": `---\ntitle: Keys\nlayout: page\n${lines}\n---\nText.\n` } });
    const failure = await buildFixtureSite(root).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(causes(failure)).toContainEqual(expect.stringMatching(new RegExp(`^content/common/eleventy-keys\\.md: front matter sets "${key}", which is Eleventy's own`)));
  });
});

describe("a checked build leaves out what the checks refused", () => {
  /** The output paths a checked build wrote, with each page's <title>. */
  async function writtenPages(root: string) {
    const written = new Map<string, string>();
    const result = await checkSite({
      root,
      configure: (_config, site) => site.pages.onPage((page) => written.set(page.url, cheerio.load(page.content)("title").text())),
    });
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

  it("writes no redirect to a page it left out", async () => {
    const root = await fixture({
      // Steps that are not a list: the page breaks the format and is not built.
      files: { "content/broken.md": "---\ntitle: Broken\nlayout: tutorial\nredirect_from: /old-broken\nsteps: 3\n---\nText.\n" },
    });
    const { result, written } = await writtenPages(root);
    expect(result.findings.map(formatFinding)).toEqual([expect.stringMatching(/^content\/broken\.md:5:1: error: "steps" must be a list/)]);
    expect([...written.keys()].filter((url) => /broken/.test(url))).toEqual([]);
  });
});
