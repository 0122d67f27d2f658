import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchIndexStage, servedUrl } from "../../src/build/search-index.ts";
import { buildFixtureSite, makeFixtureSite, type BuiltSite } from "../helpers/site.ts";

// The Pagefind stage, as `npm run build` runs it. Searching it is tested in the browser
// (tests/browser/reader.test.ts): Pagefind's search runs only there.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixtureSite(await makeFixtureSite(), [searchIndexStage]);
});
afterAll(() => site?.cleanup());

async function fingerprint(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const sums = new Map<string, string>();
  for (const entry of files) {
    const file = path.join(entry.parentPath, entry.name);
    sums.set(path.relative(dir, file), createHash("sha256").update(await readFile(file)).digest("hex"));
  }
  return sums;
}

describe("search index stage", () => {
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
    const again = await buildFixtureSite(site.root, [searchIndexStage]);
    expect(await fingerprint(again.outputDir)).toEqual(first);
  });

  it("names results by the address a static host serves each page at", () => {
    expect(servedUrl("docs/common/x.html")).toBe("/docs/common/x");
    expect(servedUrl("docs/index.html")).toBe("/docs/");
    expect(servedUrl("index.html")).toBe("/");
  });
});
