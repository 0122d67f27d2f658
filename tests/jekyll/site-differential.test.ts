import { readdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding } from "../../src/checks/finding.ts";
import { listFiles } from "../../src/model/files.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import {
  buildWithJekyll,
  codeAndTableMarkupOf,
  comparableCss,
  comparableText,
  comparableXml,
  copySite,
  JEKYLL,
  jekyllInstalled,
  type MainContent,
  mainContentOf,
} from "../helpers/jekyll.ts";
import { PROJECT_ROOT } from "../helpers/site.ts";
import { describeNeeding } from "../helpers/system.ts";

/**
 * Jekyll site trees (tests/jekyll/site-fixtures/<name>/, one construct each plus a whole site) built
 * by Jekyll 4.3 and by this generator (`--source`): every page Jekyll writes is written here too,
 * below the site's base URL, with the same main content (headings and ids, list items, code,
 * link targets, text) and the same markup of code and tables for the site's style sheet to
 * select (code blocks' wrappers, inline code's classes, cells' alignment); every redirect leads where Jekyll's leads; nothing Jekyll leaves out is
 * written; every other file Jekyll writes (a `search.json` or `feed.xml` page, a style sheet
 * compiled from Sass, a static file) has the same content. Quotes are compared straight
 * (kramdown's typography is another suite's).
 */

const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "site-fixtures");
const FIXTURES = readdirSync(FIXTURES_DIR).sort();

interface Builds {
  jekyll: string;
  ours: string;
  baseurl: string;
  cleanup: () => Promise<void>;
}

async function buildBoth(name: string): Promise<Builds> {
  const forJekyll = await copySite(path.join(FIXTURES_DIR, name));
  const forUs = await copySite(path.join(FIXTURES_DIR, name));
  const jekyll = await buildWithJekyll(forJekyll);
  const ours = path.join(forUs, "_site");
  const result = await runPipeline({ root: forUs, publish: true });
  const errors = result.findings.filter((found) => found.severity === "error");
  if (!result.published) throw new Error(`${name} did not build:\n${errors.map(formatFinding).join("\n")}`);
  const config = await readFile(path.join(forUs, "_config.yml"), "utf8");
  const baseurl = /^baseurl:\s*"?([^"\n]*)"?\s*$/m.exec(config)?.[1]?.replace(/\/+$/, "") ?? "";
  return {
    jekyll,
    ours,
    baseurl,
    cleanup: async () => void (await Promise.all([forJekyll, forUs, jekyll].map((dir) => rm(dir, { recursive: true, force: true })))),
  };
}

const straightQuotes = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

/** The main content, quotes straightened, links compared by path (the host is the same on both). */
function comparable(html: string): MainContent {
  const content = mainContentOf(html, "main");
  return {
    headings: content.headings.map((heading) => ({ ...heading, text: straightQuotes(heading.text) })),
    listItems: content.listItems.map(straightQuotes),
    code: content.code,
    links: content.links.map((link) => ({ href: link.href, text: straightQuotes(link.text) })),
    text: straightQuotes(content.text),
  };
}

/**
 * A file that is not an HTML page, as compared: JSON as data, a style sheet without its
 * formatting (libsass's and dart-sass's differ), XML parsed, any other text with whitespace
 * normalised. Bytes that are not text are compared as they are (by the caller).
 */
function comparableFile(file: string, text: string): unknown {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") return JSON.parse(text);
  if (extension === ".css") return comparableCss(text);
  if (extension === ".xml" || extension === ".atom" || extension === ".rss" || extension === ".svg") return comparableXml(text);
  return comparableText(text);
}

/** Where a redirect page sends the browser, as a path. */
function redirectTarget(html: string): string | undefined {
  const refresh = cheerio.load(html)('meta[http-equiv="refresh"]').attr("content");
  const url = refresh?.replace(/^\d+;\s*url=/i, "");
  return url === undefined ? undefined : new URL(url, "https://host.invalid").pathname;
}

describeNeeding("a Jekyll site built with --source reads as Jekyll renders it", jekyllInstalled() ? [] : [`Jekyll 4.3 (${JEKYLL})`], () => {
  for (const name of FIXTURES) describe(name, () => describeFixture(name));
});

function describeFixture(name: string): void {
  let builds: Builds;
  let jekyllFiles: string[];
  let ourFiles: Set<string>;
  beforeAll(async () => {
    builds = await buildBoth(name);
    jekyllFiles = (await listFiles(builds.jekyll)).filter((file) => file.endsWith(".html")).sort();
    ourFiles = new Set(await listFiles(builds.ours));
  }, 120_000);
  afterAll(() => builds?.cleanup());

  it(`${name}: every page Jekyll writes has the same main content here`, async () => {
    expect(jekyllFiles.length).toBeGreaterThan(0);
    for (const file of jekyllFiles) {
      const theirs = await readFile(path.join(builds.jekyll, file), "utf8");
      const ours = path.join(builds.baseurl.replace(/^\//, ""), file);
      expect(ourFiles.has(ours), `${name}: Jekyll wrote ${file}, this generator did not write ${ours}`).toBe(true);
      const mine = await readFile(path.join(builds.ours, ours), "utf8");
      const target = redirectTarget(theirs);
      if (target !== undefined) {
        expect(redirectTarget(mine), `${name}: ${file} redirects elsewhere`).toBe(target);
        continue;
      }
      expect(comparable(mine), `${name}: ${file}`).toEqual(comparable(theirs));
      expect(codeAndTableMarkupOf(mine, "main"), `${name}: ${file}: code and table markup`).toEqual(codeAndTableMarkupOf(theirs, "main"));
    }
  });

  it(`${name}: every other file Jekyll writes (pages of other types, compiled Sass, static files) has the same content here`, async () => {
    const prefix = builds.baseurl.replace(/^\//, "");
    const others = (await listFiles(builds.jekyll)).filter((file) => !file.endsWith(".html") && file !== "redirects.json").sort();
    for (const file of others) {
      const ours = path.join(prefix, file);
      if (!ourFiles.has(ours)) continue; // the next test names it
      const [theirs, mine] = await Promise.all([readFile(path.join(builds.jekyll, file)), readFile(path.join(builds.ours, ours))]);
      if (theirs.equals(mine)) continue;
      expect(comparableFile(file, mine.toString("utf8")), `${name}: ${file}`).toEqual(comparableFile(file, theirs.toString("utf8")));
    }
  });

  it(`${name}: the same static files, and no page Jekyll leaves out`, async () => {
    // jekyll-redirect-from's list of redirects; this generator writes _redirects instead.
    const theirs = (await listFiles(builds.jekyll)).filter((file) => file !== "redirects.json").sort();
    const theirSet = new Set(theirs);
    const prefix = builds.baseurl.replace(/^\//, "");
    const themeAssets = new Set((await listFiles(path.join(PROJECT_ROOT, "content/assets"))).map((file) => `assets/${file}`));
    // Outside the base URL, at the host's root, the build writes robots.txt and _redirects (a site's own robots.txt is below it).
    const below = [...ourFiles].flatMap((file) =>
      !prefix ? [file] : file.startsWith(`${prefix}/`) ? [file.slice(prefix.length + 1)] : /^(robots\.txt|_redirects)$/.test(file) ? [] : [file],
    );
    const ourPages = new Set(below.filter((file) => file.endsWith(".html")));
    const ours = below
      // What this generator adds to every site: the theme's assets, the search index, sitemap, robots.txt, _redirects,
      // llms.txt and each page's Markdown copy (beside its .html).
      .filter(
        (file) =>
          theirSet.has(file) ||
          !(
            themeAssets.has(file) ||
            /^(pagefind\/|sitemap\.xml$|robots\.txt$|_redirects$|llms\.txt$)/.test(file) ||
            (file.endsWith(".md") && ourPages.has(file.replace(/\.md$/, ".html")))
          ),
      )
      .sort();
    expect(ours).toEqual(theirs);
  });
}
