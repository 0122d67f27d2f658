import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/checks/finding.ts";
import { frontMatterErrors, frontMatterWarnings } from "../../src/checks/source/front-matter.ts";
import { mojibakeFindings } from "../../src/checks/source/mojibake.ts";
import { pageFromText } from "../../src/model/read-site.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { CONNECTION_GUIDES, TUTORIAL_FILE, tutorialLines } from "./fixture-tutorial.ts";

/**
 * Whatever an author does to a tutorial's front matter, the checks answer with located findings:
 * never an exception, never a stack trace, never a line outside the file.
 */

const FRONT_MATTER_LINES = { first: 1, last: 20 }; // indexes of lines 2..21 (between the `---`)
const YAML_NOISE = [
  ":",
  "- ",
  "[",
  "]",
  "{",
  "}",
  '"',
  "'",
  "|",
  ">",
  "#",
  "&a",
  "*a",
  "!!str ",
  "%",
  "@",
  "\t",
  "{{",
  "{%",
  "}}",
  "  ",
  "\n",
  "â€™",
  "~",
  "? ",
];
const SCALARS = ["", "null", "~", "true", "42", "-1.5", "[]", "{}", "[a, b]", "{a: 1}", '""', "|", ">-", "'x'", "2024-01-01"];

type Mutation = (lines: string[]) => void;

const lineIndex = fc.integer({ min: FRONT_MATTER_LINES.first, max: FRONT_MATTER_LINES.last });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  lineIndex.map((i) => (lines: string[]) => void lines.splice(i, 1)),
  lineIndex.map((i) => (lines: string[]) => void lines.splice(i, 0, lines[i]!)),
  fc.tuple(lineIndex, lineIndex).map(
    ([i, j]) =>
      (lines: string[]) =>
        void ([lines[i], lines[j]] = [lines[j]!, lines[i]!]),
  ),
  fc.tuple(lineIndex, fc.integer({ min: -4, max: 4 })).map(([i, shift]) => (lines: string[]) => {
    lines[i] = shift >= 0 ? " ".repeat(shift) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-shift}}`), "");
  }),
  fc.tuple(lineIndex, fc.nat(), fc.constantFrom(...YAML_NOISE)).map(([i, at, noise]) => (lines: string[]) => {
    const line = lines[i]!;
    const position = at % (line.length + 1);
    lines[i] = line.slice(0, position) + noise + line.slice(position);
  }),
  fc.tuple(lineIndex, fc.constantFrom(...SCALARS)).map(([i, scalar]) => (lines: string[]) => {
    lines[i] = lines[i]!.replace(/:\s.*$|:$/, `: ${scalar}`);
  }),
  fc.tuple(lineIndex, fc.nat()).map(([i, at]) => (lines: string[]) => {
    // A typo in a key: drop one of its letters.
    lines[i] = lines[i]!.replace(/^(\s*-?\s*)([\w-]+):/, (_, lead: string, key: string) => {
      const position = at % key.length;
      return `${lead}${key.slice(0, position)}${key.slice(position + 1)}:`;
    });
  }),
);

function mutated(mutations: Mutation[]): string {
  const lines = tutorialLines();
  for (const change of mutations) change(lines);
  return lines.join("\n");
}

function expectLocated(findings: Finding[], fileLines: (file: string) => number) {
  for (const f of findings) {
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.message).not.toMatch(/\n\s+at |Error:|\bundefined\b(?! (variable|filter))/);
    expect(["error", "warning"]).toContain(f.severity);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(fileLines(f.file));
    expect(f.column).toBeGreaterThanOrEqual(1);
  }
}

describe("mutated front matter", () => {
  it("the validation layer always answers with located findings (many mutations)", () => {
    const root = "/site";
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutated(mutations);
        const page = pageFromText(root, path.join(root, "content"), path.join(root, TUTORIAL_FILE), text);
        const findings = [...frontMatterErrors(page), ...frontMatterWarnings(page), ...mojibakeFindings(page)];
        expectLocated(findings, () => text.split("\n").length);
        for (const f of findings) expect(f.file).toBe(TUTORIAL_FILE);
      }),
      { numRuns: 400, seed: 4 },
    );
  });

  it("a full check either passes or reports located errors, never a crash (a few builds)", async () => {
    // Only the fixture tutorial is mutated: the connection guides would only make each check dearer.
    const root = await makeFixtureSite({ remove: CONNECTION_GUIDES });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          const text = mutated(mutations);
          const { writeFile } = await import("node:fs/promises");
          await writeFile(path.join(root, TUTORIAL_FILE), text);
          const result = await runPipeline({ root });
          const texts = new Map<string, number>();
          for (const f of result.findings) {
            if (!texts.has(f.file)) texts.set(f.file, (await readFile(path.join(root, f.file), "utf8")).split("\n").length);
          }
          expectLocated(result.findings, (file) => texts.get(file)!);
          expect(result.errors).toBe(result.findings.filter((f) => f.severity === "error").length);
        }),
        { numRuns: 6, seed: 4 },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
