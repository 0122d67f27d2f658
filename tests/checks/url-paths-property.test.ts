import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frontMatterErrors } from "../../src/checks/source/front-matter.ts";
import { pageFromText } from "../../src/model/read-site.ts";
import { outputPathFor } from "../../src/model/urls.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { CONNECTION_GUIDES, TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "./fixture-tutorial.ts";

/**
 * Whatever an author writes as a permalink or a redirect_from entry (quotes, angle brackets,
 * line breaks, `..`, percent signs, any Unicode), either the checks refuse it at its line, or it
 * is a path that stays below the base URL and needs no escaping anywhere it is written.
 */

const NOISE = [
  '"',
  "'",
  "<",
  ">",
  "&",
  "\n",
  "\r",
  "\t",
  " ",
  "..",
  ".",
  "/",
  "//",
  "\\",
  "%2e",
  "%",
  "?",
  "#",
  "*",
  ":",
  "é",
  "\u0000",
  "\u2028",
  "~",
  "-",
  "_",
];
const pathLike = fc
  .array(fc.oneof(fc.constantFrom(...NOISE), fc.string({ unit: "grapheme", maxLength: 4 }), fc.stringMatching(/^[a-z0-9]{1,6}$/)), { maxLength: 8 })
  .map((parts) => parts.join(""));
const value = fc.oneof(
  pathLike,
  pathLike.map((text) => `/${text}`),
);

const SAFE_PATH = /^\/([A-Za-z0-9_~-][A-Za-z0-9._~-]*\/?)*$/;

/** The tutorial fixture with line 3 (the permalink) and, after it, a redirect_from entry. */
function withPaths(permalink: string, redirectFrom: string): string {
  return tutorialText((lines) => {
    lines[2] = `permalink: ${JSON.stringify(permalink)}`;
    lines.splice(3, 0, "redirect_from:", `  - ${JSON.stringify(redirectFrom)}`);
  });
}

describe("permalinks and redirect_from entries, whatever they hold", () => {
  it("are refused at their line, or are paths below the base URL that need no escaping", () => {
    const root = "/site";
    fc.assert(
      fc.property(value, value, (permalink, redirectFrom) => {
        const page = pageFromText(root, path.join(root, "content"), path.join(root, TUTORIAL_FILE), withPaths(permalink, redirectFrom));
        const errors = frontMatterErrors(page);
        const lines = new Set(errors.map((found) => found.line));
        for (const [line, accepted] of [
          [3, permalink],
          [5, redirectFrom],
        ] as const) {
          if (lines.has(line)) continue;
          expect(accepted, `accepted at line ${line}`).toMatch(SAFE_PATH);
          const output = outputPathFor(accepted, "/docs");
          expect(path.posix.normalize(output)).toBe(output);
          expect(output.startsWith("/docs/")).toBe(true);
        }
        for (const found of errors) expect([3, 5]).toContain(found.line);
      }),
      { numRuns: 600, seed: 11 },
    );
  });

  it("never make a build write outside _site/, nor an element nobody asked for (a few builds)", async () => {
    // Only the fixture tutorial's paths change: the connection guides would only make each build dearer.
    const root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText() }, remove: CONNECTION_GUIDES });
    const outsideSite = async () => (await readdir(root, { recursive: true })).filter((entry) => !entry.startsWith("_site")).sort();
    const before = await outsideSite();
    try {
      await fc.assert(
        fc.asyncProperty(value, value, async (permalink, redirectFrom) => {
          await writeFile(path.join(root, TUTORIAL_FILE), withPaths(`${TUTORIAL_URL}${permalink}`, redirectFrom));
          const result = await runPipeline({ root, publish: true });
          expect(await outsideSite()).toEqual(before);
          for (const found of result.findings) expect(found.file).toBe(TUTORIAL_FILE);
          if (!result.published) return;
          const files = (await readdir(path.join(root, "_site"), { recursive: true })).filter((file) => file.endsWith(".html"));
          for (const file of files) {
            const $ = cheerio.load(await readFile(path.join(root, "_site", file), "utf8"));
            expect($("head > script:not([src])").length, file).toBe(0);
            expect($("head link[rel=canonical]").length, file).toBeLessThanOrEqual(1);
            for (const href of $("head link[rel=canonical]")
              .map((_, link) => $(link).attr("href"))
              .get()) {
              expect(new URL(href).pathname, file).toMatch(SAFE_PATH);
            }
          }
        }),
        { numRuns: 5, seed: 11 },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
