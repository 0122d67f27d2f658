import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as cheerio from "cheerio";
import type { Element } from "domhandler";

/**
 * Jekyll 4.3 (Debian's `jekyll` package, with kramdown, jekyll-redirect-from,
 * jekyll-include-cache, jekyll-seo-tag and jekyll-feed) as the test oracle: build a fixture site with it, and compare the main
 * content of its pages with this generator's as DOM. Never a runtime dependency.
 */

const run = promisify(execFile);

export const JEKYLL = "/usr/bin/jekyll";
export const jekyllInstalled = () => existsSync(JEKYLL);

/** Whether Debian's package of a Jekyll plugin (`jekyll-seo-tag`) is installed, for the tests that build with it. */
export const jekyllPluginInstalled = (name: string) =>
  existsSync("/usr/share/rubygems-integration/all/specifications") &&
  readdirSync("/usr/share/rubygems-integration/all/specifications").some((file) => new RegExp(`^${name}-[0-9.]+\\.gemspec$`).test(file));

/** Writes `files` (paths relative to the site root) into a new temp folder; returns it. */
export async function writeSite(files: Record<string, string>, prefix = "jekyll-fixture-"): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
  return root;
}

/** Copies a fixture folder (e.g. tests/jekyll/site-fixtures/<name>) to a temp folder, so no build writes into the repository. */
export async function copySite(dir: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `jekyll-${path.basename(dir)}-`));
  await cp(dir, root, { recursive: true });
  return root;
}

/**
 * Builds the site at `source` with Jekyll into `destination` (default `<source>/../<name>-jekyll`)
 * and returns the destination. Throws with Jekyll's output when it fails.
 */
export async function buildWithJekyll(source: string, destination = `${source}-jekyll`): Promise<string> {
  await rm(destination, { recursive: true, force: true });
  try {
    await run(JEKYLL, ["build", "--source", source, "--destination", destination, "--disable-disk-cache", "--quiet"], {
      env: { ...process.env, JEKYLL_ENV: "production", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`jekyll build failed for ${source}:\n${stderr || stdout || message}`);
  }
  return destination;
}

/**
 * The markup of a page's code and tables that a site's style sheet selects on, which
 * mainContentOf leaves out: per code block the elements from it up to `selector`
 * (`div.highlighter-rouge.language-bash > div.highlight > pre.highlight > code`, classes
 * sorted), inline code's classes, and table cells' `text-align`. Token spans are left out:
 * Rouge's and highlight.js's boundaries differ by design.
 */
export interface CodeAndTableMarkup {
  codeBlocks: string[];
  inlineCode: string[];
  cellAlignment: string[];
}

export function codeAndTableMarkupOf(html: string, selector = "body"): CodeAndTableMarkup {
  const $ = cheerio.load(html);
  const root = $(selector).first();
  const scope = root.length > 0 ? root : $.root();
  const described = (element: Element) => [element.tagName, ...($(element).attr("class")?.split(/\s+/).filter(Boolean).sort() ?? [])].join(".");
  return {
    codeBlocks: scope
      .find("pre")
      .toArray()
      .map((pre) => {
        const chain = $(pre)
          .parentsUntil(scope.get(0) as Element)
          .toArray()
          .reverse()
          .map((element) => described(element));
        const code = $(pre).children("code").first();
        return [...chain, described(pre), ...(code.length > 0 ? [described(code[0] as Element)] : [])].join(" > ");
      }),
    inlineCode: scope
      .find("code")
      .toArray()
      .filter((code) => $(code).closest("pre").length === 0)
      .map((code) => described(code)),
    cellAlignment: scope
      .find("th, td")
      .toArray()
      .map((cell) => /text-align:\s*(\w+)/.exec($(cell).attr("style") ?? "")?.[1] ?? ""),
  };
}

/** The HTML file Jekyll or this generator wrote for `urlPath`, read from `outputDir`. */
export async function readPage(outputDir: string, relativeFile: string): Promise<string> {
  return readFile(path.join(outputDir, relativeFile), "utf8");
}

/** What the differential tests compare: the main content's structure and text, not its markup details. */
export interface MainContent {
  headings: Array<{ level: number; id: string | undefined; text: string }>;
  listItems: string[];
  code: string[];
  links: Array<{ href: string | undefined; text: string }>;
  text: string;
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * The main content of a page: the element `selector` selects (default: the whole body), as
 * headings with their ids, list items, code blocks' text, link targets and normalised text.
 */
export function mainContentOf(html: string, selector = "body"): MainContent {
  const $ = cheerio.load(html);
  const root = $(selector).first();
  const scope = root.length > 0 ? root : $.root();
  return {
    headings: scope
      .find("h1, h2, h3, h4, h5, h6")
      .toArray()
      .map((heading) => ({ level: Number(heading.tagName.slice(1)), id: $(heading).attr("id"), text: normalise($(heading).text()) })),
    listItems: scope
      .find("li")
      .toArray()
      .map((item) => normalise($(item).text())),
    code: scope
      .find("pre")
      .toArray()
      .map((block) => $(block).text().replace(/\n+$/, "")),
    links: scope
      .find("a[href]")
      .toArray()
      .map((link) => ({ href: $(link).attr("href"), text: normalise($(link).text()) })),
    text: normalise(scope.text()),
  };
}

/** `rgb(8.99%, 33.8%, 66.1%)` or `rgb(23, 86, 169)` as `#1756a9`: the compilers pick different forms of one colour. */
function hexOfRgb(channels: string): string | undefined {
  const parts = channels.split(/\s*,\s*|\s+/).filter(Boolean);
  if (parts.length !== 3) return undefined;
  const bytes = parts.map((part) => (part.endsWith("%") ? (Number.parseFloat(part) * 255) / 100 : Number.parseFloat(part)));
  if (bytes.some((byte) => Number.isNaN(byte))) return undefined;
  return `#${bytes
    .map((byte) =>
      Math.round(Math.min(255, Math.max(0, byte)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/**
 * A style sheet as compared between Jekyll's libsass and this generator's dart-sass: comments
 * and formatting dropped (whitespace, the last `;` of a block), colours as six-digit lower-case
 * hex (compressed, dart-sass writes `#369` where libsass keeps `#336699`).
 */
export function comparableCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/rgb\(([^)]*)\)/gi, (whole, channels: string) => hexOfRgb(channels) ?? whole)
    .replace(/#([0-9a-f]{3})\b/gi, (_, short: string) => `#${[...short].map((digit) => digit + digit).join("")}`)
    .replace(/#[0-9a-f]{6}\b/gi, (hex) => hex.toLowerCase())
    .replace(/\s+/g, " ")
    .replace(/\s*([{}:;,>+~])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

/** An XML file (a feed) as compared: parsed and written again (entities alike), whitespace between elements dropped. */
export function comparableXml(xml: string): string {
  const $ = cheerio.load(xml, { xml: true });
  return normalise($.xml().replace(/>\s+</g, "><"));
}

/** A text file (robots.txt, a script, CSV) as compared: whitespace runs as one space. */
export const comparableText = (text: string) => normalise(text);
