import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildFixtureSite, makeFixtureSite } from "../helpers/site.ts";

// Every built page (with the search index, as `npm run build` makes it) is valid HTML and loads
// nothing from another site.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixtureSite(await makeFixtureSite(), { searchIndex: true });
});
afterAll(() => site?.cleanup());

const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ["html-validate:recommended"],
    rules: {
      // Titles are the authors' page titles; a long one is an SEO hint, not invalid HTML.
      "long-title": "off",
      // A list named by its heading (the region IP lists) is valid ARIA; the rule only advises.
      "aria-label-misuse": ["error", { allowAnyNamable: true }],
    },
  }),
);

describe("every page", () => {
  it("is valid HTML", async () => {
    expect(site.htmlFiles.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const file of site.htmlFiles) {
      const report = await validator.validateString(await readFile(path.join(site.outputDir, file), "utf8"), file);
      for (const result of report.results) {
        for (const message of result.messages) problems.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("requests nothing from another origin", async () => {
    const origin = "http://127.0.0.1:4000";
    const offsite: string[] = [];
    const check = (file: string, what: string, url: string | undefined) => {
      if (!url) return;
      const page = new URL(`/${file}`, origin);
      if (new URL(url.trim(), page).origin !== origin) offsite.push(`${file}: ${what} ${url}`);
    };
    for (const file of site.htmlFiles) {
      const $ = cheerio.load(await readFile(path.join(site.outputDir, file), "utf8"));
      // Links to other sites are fine (a reader chooses to follow them); loads are not. A
      // canonical link names the page's public address and loads nothing.
      $("[href]:not(a, link[rel=canonical])").each((_, el) => check(file, `<${el.tagName} href>`, $(el).attr("href")));
      $("[src], [poster], object[data]").each((_, el) => check(file, `<${el.tagName}>`, $(el).attr("src") ?? $(el).attr("poster") ?? $(el).attr("data")));
      $("[srcset], [imagesrcset]").each((_, el) => {
        for (const candidate of ($(el).attr("srcset") ?? $(el).attr("imagesrcset") ?? "").split(","))
          check(file, `<${el.tagName} srcset>`, candidate.trim().split(/\s+/)[0]);
      });
      $("form[action], [formaction]").each((_, el) => check(file, `<${el.tagName} action>`, $(el).attr("action") ?? $(el).attr("formaction")));
      $('meta[http-equiv="refresh"]').each((_, el) => check(file, "refresh", /url=(.*)$/i.exec($(el).attr("content") ?? "")?.[1]));
    }
    expect(offsite).toEqual([]);
  });

  it("uses stylesheets that load nothing from another origin", async () => {
    const css = site.htmlFiles.length > 0 ? await readFile(path.join(site.outputDir, "docs/assets/site.css"), "utf8") : "";
    const urls = [...css.matchAll(/url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)/g)].map((match) => match[1] ?? match[2]);
    expect(urls.filter((url) => /^(https?:)?\/\//.test(url!))).toEqual([]);
    expect(css).toContain("font-family");
    expect(css).not.toMatch(/@font-face/);
  });
});
