import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { CONNECTION_GUIDES } from "./fixture-tutorial.ts";

/**
 * Whatever an author (or an attacker with commit access to one page) writes in a tutorial's
 * fields, the published site holds no element or attribute that the page did not ask for through
 * markdown, and the build writes no file outside the site folder.
 *
 * Each field gets injection attempts named after it (`<inj-title>`, `" inj-title-attr="1`), so
 * that an element or attribute found in the output says which field leaked. Fields rendered as
 * markdown may produce elements (raw HTML is markdown); the others (title, summary, permalink,
 * redirect_from, anchors, page data) must never.
 */

const PLAIN_FIELDS = ["title", "summary", "permalink", "redirect", "anchor", "data"] as const;
type PlainField = (typeof PLAIN_FIELDS)[number];

/** Pieces a string field is made of: markup, quotes, newlines, path tricks, unicode. */
const piece = (field: string) =>
  fc.constantFrom(
    `<inj-${field}>`,
    `</inj-${field}>`,
    `"><inj-${field}>`,
    `" inj-${field}-attr="1`,
    `' inj-${field}-attr='1`,
    `<img src=x inj-${field}-attr=1>`,
    "\n",
    "\r\n",
    "..",
    "/",
    "/../..",
    "?",
    "#",
    "&amp;",
    "&",
    "%2e%2e",
    "\\",
    "é",
    "日本",
    "\u202e",
    "text",
    " ",
    "<",
    ">",
    '"',
    "'",
    "`",
    "javascript:alert(1)",
  );

/** Half the time a field holds an ordinary value, so that the pages with hostile fields elsewhere still publish. */
const ORDINARY: Record<string, string> = {
  title: "A title",
  summary: "A summary",
  permalink: "hostile",
  redirect: "hostile",
  anchor: "second-step",
  data: "x",
};
/** Paths and anchors with hostile characters are refused (the page is not published), so they are hostile less often. */
const REFUSED_WHEN_HOSTILE = new Set(["permalink", "redirect", "anchor"]);
const fieldValue = (field: string) =>
  fc.oneof(
    { arbitrary: fc.constant(ORDINARY[field] ?? "x"), weight: REFUSED_WHEN_HOSTILE.has(field) ? 3 : 1 },
    { arbitrary: fc.array(piece(field), { minLength: 1, maxLength: 6 }).map((parts) => parts.join("")), weight: 1 },
  );

/** Markdown fields: the same pieces (they may make elements), plus ordinary markdown. */
const markdownValue = fc
  .array(fc.constantFrom('<span inj-md-attr="1">x</span>', "**bold**", "[a link](#first-step)", "\n\n", "..", "é", "<", ">", "&", "'", '"', "text "), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(""));

const yaml = (value: string) => JSON.stringify(value);

interface Inputs {
  plain: Record<PlainField, string>;
  intro: string;
  content: string;
  body: string;
}

const inputs: fc.Arbitrary<Inputs> = fc.record({
  plain: fc.record(Object.fromEntries(PLAIN_FIELDS.map((field) => [field, fieldValue(field)])) as Record<PlainField, fc.Arbitrary<string>>),
  intro: markdownValue,
  content: markdownValue,
  body: markdownValue,
});

function tutorial({ plain, intro, content, body }: Inputs): string {
  return [
    "---",
    `title: ${yaml(plain.title)}`,
    `permalink: ${yaml(`/common/${plain.permalink}`)}`,
    `summary: ${yaml(plain.summary)}`,
    "layout: tutorial",
    `redirect_from: ${yaml(`/old/${plain.redirect}`)}`,
    `extra-data: ${yaml(plain.data)}`,
    `intro: ${yaml(intro)}`,
    "steps:",
    `  - title: "First step"`,
    `    anchor: first-step`,
    `    content: ${yaml(content)}`,
    `  - title: "Second step"`,
    `    anchor: ${yaml(plain.anchor)}`,
    `    content: "Done."`,
    "---",
    body,
    "",
  ].join("\n");
}

/** Every file below `dir`, relative to it (symbolic links listed, not followed). */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Element and attribute names in an HTML page that start with `inj-` and name a plain field. */
function leaked(html: string): string[] {
  const $ = cheerio.load(html);
  const found: string[] = [];
  $("*").each((_, element) => {
    const el = element as unknown as { tagName: string; attribs: Record<string, string> };
    const names = [el.tagName, ...Object.keys(el.attribs ?? {})];
    for (const name of names) {
      if (PLAIN_FIELDS.some((field) => name === `inj-${field}` || name === `inj-${field}-attr`)) found.push(name);
    }
  });
  return found;
}

describe("hostile front matter", () => {
  it("never publishes an element or attribute a plain field asked for, nor a file outside the site", async () => {
    // The site lives in a folder of its own inside `outer`: anything written beside it is a leak.
    const outer = await mkdtemp(path.join(tmpdir(), "stitch-docs-outer-"));
    // The connection guides hold no hostile input: each build is cheaper without them.
    const root = await makeFixtureSite({ remove: CONNECTION_GUIDES });
    const site = path.join(outer, "site");
    await mkdir(site);
    // (.cache: the fixture's link to the project's image cache, src/publish/image-cache.ts)
    for (const dir of ["_data", "_includes", "content", ".cache"]) await (await import("node:fs/promises")).rename(path.join(root, dir), path.join(site, dir));
    await rm(root, { recursive: true, force: true });
    const file = path.join(site, "content/common/databases/hostile.md");
    const sourceFiles = new Set(await filesBelow(site));
    let published = 0;
    try {
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          await writeFile(file, tutorial(input));
          const result = await runPipeline({ root: site, publish: true });
          // Nothing beside the site folder; inside it, only the sources and the published site.
          expect(await readdir(outer)).toEqual(["site"]);
          for (const written of await filesBelow(site)) {
            if (sourceFiles.has(written) || written === "content/common/databases/hostile.md") continue;
            expect(written.split(path.sep)[0], `${written} was written outside _site/`).toMatch(/^(_site|\._site\.builds)$/);
          }
          if (!result.published) return;
          published++;
          const output = path.join(site, "_site");
          for (const name of await filesBelow(output)) {
            const text = await readFile(path.join(output, name), "utf8").catch(() => "");
            if (name.endsWith(".html")) expect(leaked(text), `${name} holds markup from a plain field`).toEqual([]);
            if (name === "_redirects") {
              for (const line of text.split("\n").filter(Boolean)) expect(line).toMatch(/^\S+ \S+ (301|404)$/);
            }
            if (name.endsWith(".xml")) {
              const $ = cheerio.load(text, { xml: true });
              const tags = new Set(
                $("*")
                  .toArray()
                  .map((element) => (element as unknown as { tagName: string }).tagName),
              );
              expect(
                [...tags].every((tag) => ["urlset", "url", "loc", "lastmod"].includes(tag)),
                [...tags].join(", "),
              ).toBe(true);
            }
          }
        }),
        { numRuns: 16, seed: 11 },
      );
      // The property means something only if hostile pages do get published.
      expect(published).toBeGreaterThanOrEqual(3);
    } finally {
      await rm(outer, { recursive: true, force: true });
    }
  });
});
