import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildFixtureSite, makeFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";

let site: BuiltSite;
beforeAll(async () => {
  const settings = await readFile(path.join(PROJECT_ROOT, "_data/site.yml"), "utf8");
  const root = await makeFixtureSite({ files: { "_data/site.yml": settings.replace(/^baseurl: .*$/m, "baseurl: /guides/") } });
  site = await buildFixtureSite(root);
});
afterAll(() => site?.cleanup());

describe("the base URL, set once in _data/site.yml", () => {
  it("moves every page below it", () => {
    expect(site.htmlFiles.every((file) => file.startsWith("guides/"))).toBe(true);
    expect(site.fileFor("/guides/common/databases/setting-up-ssh-tunnel-for-database-connection")).toBeDefined();
  });

  it("prefixes every site link the pages write", async () => {
    const $ = await site.page("/guides/common/databases/setting-up-ssh-tunnel-for-database-connection");
    const sitePaths = $("a[href^='/']")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(sitePaths.length).toBeGreaterThan(10);
    expect(sitePaths.filter((href) => !href.startsWith("/guides/"))).toEqual([]);
    expect($("link[rel=stylesheet]").attr("href")).toMatch(/^\/guides\/assets\//);
  });
});
