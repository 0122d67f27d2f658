import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";

let site: BuiltSite;
const pages = new Map<string, cheerio.CheerioAPI>();
const texts = new Map<string, string>();

beforeAll(async () => {
  site = await buildProjectSite();
  for (const file of site.htmlFiles) {
    const html = await readFile(path.join(site.outputDir, file), "utf8");
    texts.set(file, html);
    pages.set(file, cheerio.load(html));
  }
});
afterAll(() => site?.cleanup());

describe("every built page", () => {
  it("builds all the pages the content has", () => {
    // 2 tutorials, home, 2 indexes, security FAQ, 17 integrations, 9 destinations.
    expect(site.htmlFiles.filter((file) => file.startsWith("docs/")).length).toBeGreaterThanOrEqual(32);
  });

  it("contains no Liquid or kramdown syntax", () => {
    const leftovers = [...texts].flatMap(([file, html]) => ["{{", "{%", "{:"].filter((marker) => html.includes(marker)).map((marker) => `${file}: ${marker}`));
    expect(leftovers).toEqual([]);
  });

  it("links only to pages and element ids that exist", () => {
    const broken: string[] = [];
    for (const [file, $] of pages) {
      $("a[href]").each((_, a) => {
        const href = $(a).attr("href")!;
        if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return; // another site
        const base = new URL(`/${file}`, "http://site.test");
        const url = new URL(href, base);
        const target = url.pathname === base.pathname && href.startsWith("#") ? file : site.fileFor(url.pathname);
        if (!target) return void broken.push(`${file}: ${href} (no page)`);
        const id = decodeURIComponent(url.hash.slice(1));
        if (id && !target.endsWith(".html")) return void broken.push(`${file}: ${href} (not a page)`);
        if (id && pages.get(target)!(`[id="${id}"]`).length === 0) broken.push(`${file}: ${href} (no element #${id})`);
      });
    }
    expect(broken).toEqual([]);
  });
});
