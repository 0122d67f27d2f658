import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../src/model/files.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { createSearchIndexer, servedUrl, withoutPageChrome, writeSearchIndex } from "../../src/publish/search-index.ts";
import { type BuiltSite, buildFixtureSite, makeFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";

// The Pagefind index, as `npm run build` builds it (while the pages are written). Searching it is tested in the browser
// (tests/browser/reader.test.ts): Pagefind's search runs only there.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixtureSite(await makeFixtureSite(), { searchIndex: true });
});
afterAll(() => site?.cleanup());

async function fingerprint(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const sums = new Map<string, string>();
  for (const entry of files) {
    const file = path.join(entry.parentPath, entry.name);
    sums.set(
      path.relative(dir, file),
      createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    );
  }
  return sums;
}

/** Pagefind's per-page records (URL, text, anchors): gzip of "pagefind_dcd" + JSON. */
async function fragments(bundle: string): Promise<{ url: string; content: string; anchors: { id: string }[] }[]> {
  const dir = path.join(bundle, "fragment");
  const decoded = [];
  for (const name of await readdir(dir)) {
    const text = gunzipSync(await readFile(path.join(dir, name))).toString("utf8");
    decoded.push(JSON.parse(text.slice("pagefind_dcd".length)));
  }
  return decoded;
}

describe("search index", () => {
  it("indexes every page that marks its article, below the base URL", async () => {
    const entry = JSON.parse(await readFile(path.join(site.outputDir, "docs/pagefind/pagefind-entry.json"), "utf8"));
    let marked = 0;
    for (const file of site.htmlFiles) {
      if ((await readFile(path.join(site.outputDir, file), "utf8")).includes("data-pagefind-body")) marked++;
    }
    expect(marked).toBeGreaterThan(30);
    expect(entry.languages.en.page_count).toBe(marked);
    expect(site.fileFor("/docs/pagefind/pagefind.js")).toBe("docs/pagefind/pagefind.js");
  });

  it("leaves the 404, search and redirect pages out", async () => {
    for (const page of ["/docs/404", "/docs/search", "/docs/common/databases/setting-up-ssh-tunnel-for-rds"]) {
      expect((await site.page(page))("[data-pagefind-body]").length, page).toBe(0);
    }
  });

  it("builds the same files, index included, every time", async () => {
    const first = await fingerprint(site.outputDir);
    expect(first.size).toBeGreaterThan(50);
    // The rebuild replaces the first build's folder (same root, same output).
    const again = await buildFixtureSite(site.root, { searchIndex: true });
    expect(await fingerprint(again.outputDir)).toEqual(first);
  });

  it("links a match to the served address of the page, at the step's heading", async () => {
    const tutorial = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";
    const records = await fragments(path.join(site.outputDir, "docs/pagefind"));
    const page = records.find((record) => record.url === tutorial);
    expect(page?.content).toContain("authorized_keys");
    expect(page?.anchors.map((anchor) => anchor.id)).toContain("create-stitch-ssh-user");
    expect(records.filter((record) => record.url.endsWith(".html"))).toEqual([]);
  });

  it("indexes the Stitch address lists and the firewall rules' titles, not the generated rules", async () => {
    const amazon = (await fragments(path.join(site.outputDir, "docs/pagefind"))).find(
      (record) => record.url === "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services",
    );
    const $ = await site.page("/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services");
    const address = $(".ip-list code").first().text();
    const rules = $(".firewall-rules pre").first().text();
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+/);
    expect(amazon?.content).toContain(address);
    expect(amazon?.content).toContain("ufw rules for");
    expect(rules).toContain("ufw");
    expect(amazon?.content).not.toContain(rules.split("\n")[0]);
  });

  it("builds the same index from whole pages as from pages without their header and sidebar", async () => {
    // The comparison means something only while the layout puts the header and sidebar first.
    const tutorial = await readFile(path.join(site.outputDir, "docs/common/databases/setting-up-ssh-tunnel-for-database-connection.html"), "utf8");
    expect(withoutPageChrome(tutorial).length).toBeLessThan(tutorial.length * 0.8);
    const scratch = await mkdtemp(path.join(tmpdir(), "search-index-"));
    try {
      await writeSearchIndex(site.outputDir, path.join(scratch, "whole"), (html) => html);
      await writeSearchIndex(site.outputDir, path.join(scratch, "trimmed"));
      const whole = await fingerprint(path.join(scratch, "whole"));
      expect(whole.size).toBeGreaterThan(30);
      expect(await fingerprint(path.join(scratch, "trimmed"))).toEqual(whole);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("holds what Pagefind makes of every page of the site, given whole, though the build gives it only the marked ones", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "search-whole-"));
    try {
      // Pagefind itself leaves out a page without data-pagefind-body once any page has one.
      await writeSearchIndex(site.outputDir, path.join(scratch, "every-page"), (html) => html);
      // Pages in path order there, in URL order in the build: the same records, numbered apart.
      const records = async (bundle: string) => (await fragments(bundle)).sort((a, b) => (a.url < b.url ? -1 : 1));
      const built = await records(path.join(site.outputDir, "docs/pagefind"));
      expect(built.length).toBeGreaterThan(30);
      expect(built).toEqual(await records(path.join(scratch, "every-page")));
      expect(site.result?.searchIndex?.pages).toBe(
        JSON.parse(await readFile(path.join(site.outputDir, "docs/pagefind/pagefind-entry.json"), "utf8")).languages.en.page_count,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("is not built for a site none of whose pages is marked for search (its own layouts, no search box), as Jekyll makes none", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "search-unmarked-"));
    try {
      await cp(path.join(PROJECT_ROOT, "tests/jekyll/site-fixtures/whole-site"), root, { recursive: true });
      const result = await runPipeline({ root, publish: true, searchIndex: true });
      expect(result.published).toBe(true);
      const files = await listFiles(path.join(root, "_site"));
      expect(files.filter((file) => file.endsWith(".html")).length).toBeGreaterThan(5);
      expect(files.filter((file) => file.includes("pagefind"))).toEqual([]);
      expect(result.searchIndex?.pages).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("is built while the pages are written: each reaches it in URL order, none held back", async () => {
    const { searchIndex } = await runPipeline({ root: site.root, outputDir: "_site-again", publish: true, searchIndex: true });
    expect(searchIndex?.mostHeld).toBe(0);
    expect(await fingerprint(path.join(site.root, "_site-again/docs/pagefind"))).toEqual(await fingerprint(path.join(site.outputDir, "docs/pagefind")));
  });

  it("comes out the same whatever order the pages arrive in", async () => {
    const files = (await listFiles(site.outputDir)).filter((file) => file.endsWith(".html")).sort();
    const scratch = await mkdtemp(path.join(tmpdir(), "search-order-"));
    const indexWith = async (name: string, order: number[]) => {
      const processor = await createSearchIndexer({ siteDir: site.outputDir, bundleDir: path.join(scratch, name) });
      for (const i of order) {
        const content = await readFile(path.join(site.outputDir, files[i]!), "utf8");
        await processor.page({ outputPath: path.join(site.outputDir, files[i]!), url: `/${files[i]}`, inputPath: "", order: i, content });
      }
      return processor.finish();
    };
    try {
      const inOrder = files.map((_, i) => i);
      expect((await indexWith("in-order", inOrder)).mostHeld).toBe(0);
      const reversed = await indexWith("reversed", [...inOrder].reverse());
      expect(reversed.mostHeld).toBe(files.length - 1);
      const bundle = await fingerprint(path.join(scratch, "in-order"));
      expect(bundle.size).toBeGreaterThan(30);
      expect(await fingerprint(path.join(scratch, "reversed"))).toEqual(bundle);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("names results by the address a static host serves each page at", () => {
    expect(servedUrl("docs/common/x.html")).toBe("/docs/common/x");
    expect(servedUrl("docs/index.html")).toBe("/docs/");
    expect(servedUrl("index.html")).toBe("/");
    // A Jekyll site's file names, as its URLs encode them: `#` and a space encoded, `&` and `'` kept.
    expect(servedUrl("docs/c# tips/x.html")).toBe("/docs/c%23%20tips/x");
    expect(servedUrl("docs/r&d/it's/index.html")).toBe("/docs/r&d/it's/");
  });
});

describe("withoutPageChrome", () => {
  const head = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body class="b">';
  const chrome = '<header><form role="search"></form></header><nav class="sidebar"><a href="/x">X</a></nav><main>';
  const article = "<article data-pagefind-body><h1>T</h1><p>Text</p></article></main></body></html>";

  it("drops what comes between <body> and the marked element, keeping the head", () => {
    expect(withoutPageChrome(head + chrome + article)).toBe(head + article);
  });

  it("leaves a page whole when that part carries Pagefind attributes", () => {
    const tagged = '<nav><span data-pagefind-meta="section">Guides</span></nav><main>';
    expect(withoutPageChrome(head + tagged + article)).toBe(head + tagged + article);
  });

  it("leaves a page without a marked element whole", () => {
    const page = `${head}${chrome}<p>Not found</p></main></body></html>`;
    expect(withoutPageChrome(page)).toBe(page);
  });
});
