import { execFile } from "node:child_process";
import { readdir, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/checks/finding.ts";
import { CLI_MAIN } from "../helpers/cli.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { TUTORIAL_FILE, tutorialText } from "./fixture-tutorial.ts";

/**
 * Every run is bounded: input that once kept a build busy for minutes at gigabytes, or
 * overflowed its stack, ends with a located error. Each site is checked by the CLI in a child
 * process that is killed if it runs past KILL_AFTER_MS, so that a hang fails the tests (rather
 * than blocking the test runner) without any test asserting how long a build takes.
 */

const run = promisify(execFile);
const KILL_AFTER_MS = 100_000;

interface Report {
  errors: number;
  published: boolean;
  findings: Finding[];
}

async function cli(script: "check" | "build", root: string): Promise<{ code: number; report: Report }> {
  // Node itself on the compiled tool (no launcher in between): the process killed is the one building.
  const args = [CLI_MAIN, script, "--format", "json"];
  const options = { cwd: root, env: { ...process.env, NO_COLOR: "1" }, timeout: KILL_AFTER_MS, maxBuffer: 64 * 1024 * 1024 };
  let result: { code: number; stdout: string };
  try {
    result = { code: 0, stdout: (await run(process.execPath, args, options)).stdout };
  } catch (error) {
    const failed = error as { code: number | null; killed?: boolean; signal?: string | null; stdout: string };
    if (failed.killed) throw new Error(`npm run ${script} did not end within ${KILL_AFTER_MS / 1000} s and was killed`);
    if (failed.signal) throw new Error(`npm run ${script} crashed (${failed.signal})`);
    result = { code: failed.code ?? 1, stdout: failed.stdout };
  }
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

/** A page of the fixture site: its front-matter lines from line 4, then its body from line 6 on (one line of front matter). */
const page = (frontMatter: string, body: string) => `---\ntitle: Bounded\nlayout: page\n${frontMatter}---\n\n${body}\n`;

/** "Billion laughs": each anchor holds ten aliases of the one before, 10^9 values in all. */
function aliasBomb(): string {
  const names = "abcdefghi";
  let yaml = `a: &a [${new Array(10).fill('"lol"').join(",")}]\n`;
  for (let i = 1; i < names.length; i++) yaml += `${names[i]}: &${names[i]} [${new Array(10).fill(`*${names[i - 1]}`).join(",")}]\n`;
  return yaml;
}

/** 100 MB of plain lines. */
const huge = (line: string) => line.repeat(Math.ceil((100 * 1024 * 1024) / line.length));

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const findingsIn = (report: Report, file: string) => report.findings.filter((finding) => finding.file === file);

describe("what pages and includes do is bounded (npm run build)", () => {
  let root: string;
  let code: number;
  let report: Report;

  beforeAll(async () => {
    root = await makeFixtureSite({
      files: {
        "content/common/long-loop.md": page("", "{% for i in (1..100000000) %}x{% endfor %}"),
        [TUTORIAL_FILE]: tutorialText((l) => (l[20] = "      {% for i in (1..100000000) %}x{% endfor %}")),
        "content/common/nested-loops.md": page("", "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}"),
        "content/common/self-include.md": page("", "Before {% include self.html %}"),
        "_includes/self.html": "Again: {% include self.html %}",
        "content/common/include-chain.md": page("", "{% include ping.html %}"),
        "_includes/ping.html": "Ping\n{% include pong.html %}",
        "_includes/pong.html": "Pong\n{% include ping.html %}",
        "content/common/flatify-self.md": page('again: "{{ page.again | flatify }}"\n', "{{ page.again | flatify }}"),
        "content/common/flatify-include.md": page('echo: "{% include echo.html %}"\n', "{{ page.echo | flatify }}"),
        "_includes/echo.html": "Echo: {{ page.echo | flatify }}",
        "content/common/alias-bomb.md": page(aliasBomb(), "{{ page.i | jsonify }}"),
        "content/common/deep-list.md": page(`deep: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, "Deep."),
        "content/common/deep-mapping.md": page(`${Array.from({ length: 150 }, (_, i) => `${"  ".repeat(i)}level-${i + 1}:`).join("\n")} deepest\n`, "Deep."),
        "content/common/huge.md": page("", huge("A paragraph of a page far larger than any page needs.\n")),
        "content/common/deep-tags.md": page("", `${"{%if 1%}".repeat(50_000)}deep${"{%endif%}".repeat(50_000)}`),
        "content/common/deep-include.md": page("", "{% include deep.html %}"),
        "_includes/deep.html": `${"{%capture c%}".repeat(30_000)}deep${"{%endcapture%}".repeat(30_000)}`,
        "content/common/huge-include.md": page("", "{% include huge.html %}"),
        "_includes/huge.html": "<p>An include far larger than any include needs.</p>\n".repeat(40_000),
        "content/common/huge-layout.md": "---\ntitle: Huge layout\nlayout: huge\n---\nText.\n",
        "_includes/layouts/huge.html": "<p>A layout far larger than any layout needs.</p>\n".repeat(40_000),
      },
    });
    roots.push(root);
    ({ code, report } = await cli("build", root));
  });

  it("fails, and publishes nothing", async () => {
    expect(code).toBe(1);
    expect(report.published).toBe(false);
    expect((await readdir(root)).includes("_site")).toBe(false);
  });

  it("a {% for %} over a hundred million items, in a page body: at the loop", () => {
    expect(findingsIn(report, "content/common/long-loop.md")).toEqual([
      expect.objectContaining({
        line: 6,
        column: 1,
        severity: "error",
        message: expect.stringMatching(/^this page's Liquid builds more than 10,000,000 list items/),
      }),
    ]);
  });

  it("a {% for %} over a hundred million items, in a tutorial step: at the loop's line in the step", () => {
    expect(findingsIn(report, TUTORIAL_FILE)).toEqual([
      expect.objectContaining({
        line: 21,
        column: 7,
        severity: "error",
        message: expect.stringMatching(/^this page's Liquid builds more than 10,000,000 list items/),
      }),
    ]);
  });

  it("loops inside loops: at the inner loop", () => {
    expect(findingsIn(report, "content/common/nested-loops.md")).toEqual([
      expect.objectContaining({
        line: 6,
        column: 26,
        severity: "error",
        message: expect.stringMatching(/^rendering this page takes more than 200,000 loop iterations/),
      }),
    ]);
  });

  it("an include that includes itself: at the include that recursed, with the chain", () => {
    expect(findingsIn(report, "_includes/self.html")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 8,
        severity: "error",
        message: expect.stringMatching(
          /^include "self\.html" recursed more than 100 deep, .*: self\.html -> self\.html; does it include itself with nothing to stop it\? \(included by content\/common\/self-include\.md:6\)$/,
        ),
      }),
    ]);
  });

  it("includes that include each other: at the include that closed the circle, with the chain", () => {
    expect(findingsIn(report, "_includes/pong.html")).toEqual([
      expect.objectContaining({
        line: 2,
        column: 1,
        severity: "error",
        message: expect.stringMatching(
          /^include "ping\.html" recursed more than 100 deep, .*: ping\.html -> pong\.html -> ping\.html; .* \(included by content\/common\/include-chain\.md:6\)$/,
        ),
      }),
    ]);
    expect(findingsIn(report, "_includes/ping.html")).toEqual([]);
  });

  it("a front-matter field that flatifies itself: at its flatify, in the field", () => {
    expect(findingsIn(report, "content/common/flatify-self.md")).toEqual([
      expect.objectContaining({
        line: 4,
        column: 9,
        severity: "error",
        message: expect.stringMatching(
          /^flatify recursed more than 100 deep, .*: flatify "\{\{ page\.again \| flatify \}\}" -> flatify "\{\{ page\.again \| flatify \}\}"; does the text render itself/,
        ),
      }),
    ]);
  });

  it("a field that flatifies itself through an include: at the flatify in the include, with the chain", () => {
    expect(findingsIn(report, "_includes/echo.html")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 7,
        severity: "error",
        message: expect.stringMatching(
          /^flatify recursed more than 100 deep, .*: flatify "\{% include echo\.html %\}" -> echo\.html -> flatify "\{% include echo\.html %\}"; .* \(included by content\/common\/flatify-include\.md:4\)$/,
        ),
      }),
    ]);
  });

  it("a YAML alias bomb in front matter: at the alias that takes it past the limit", () => {
    expect(findingsIn(report, "content/common/alias-bomb.md")).toEqual([
      expect.objectContaining({
        line: 8,
        column: 29,
        severity: "error",
        message: expect.stringMatching(/^alias "\*d" repeats 11,111 values .* past 100,000 repeated values/),
      }),
    ]);
  });

  it("front matter nested 10,000 deep: the nesting limit, where it is passed", () => {
    expect(findingsIn(report, "content/common/deep-list.md")).toEqual([
      expect.objectContaining({
        line: 4,
        column: 106,
        severity: "error",
        message: expect.stringMatching(/^lists and mappings are nested more than 100 deep here/),
      }),
    ]);
  });

  it("front matter of mappings 150 deep (which the positional parser reads): the nesting limit, at the mapping that passes it", () => {
    // Line 4 holds level-1, in the top mapping (level 1 of nesting): level-100's value would be the 101st.
    expect(findingsIn(report, "content/common/deep-mapping.md")).toEqual([
      expect.objectContaining({
        line: 103,
        column: 199,
        severity: "error",
        message: expect.stringMatching(/^lists and mappings are nested more than 100 deep here/),
      }),
    ]);
  });

  it("a 100 MB page: the size limit, and why", () => {
    expect(findingsIn(report, "content/common/huge.md")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        severity: "error",
        message: expect.stringMatching(/^this page is 100\.0 MB; a page may be at most 1\.0 MB, because .*: split it into several pages$/),
      }),
    ]);
  });

  it("block tags nested 50,000 deep in a page: at the first one past the limit", () => {
    expect(findingsIn(report, "content/common/deep-tags.md")).toEqual([
      expect.objectContaining({
        line: 6,
        column: 801,
        severity: "error",
        message: expect.stringMatching(/^\{% if %\} is nested inside 100 other block tags: Liquid reads at most 100 levels/),
      }),
    ]);
  });

  it("block tags nested 30,000 deep in an include: in the include, at the first one past the limit", () => {
    expect(findingsIn(report, "_includes/deep.html")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1301,
        severity: "error",
        message: expect.stringMatching(/^\{% capture %\} is nested inside 100 other block tags: .* \(included by content\/common\/deep-include\.md:6\)$/),
      }),
    ]);
  });

  it("an include over the size limit: at the include call, naming it", () => {
    expect(findingsIn(report, "content/common/huge-include.md")).toEqual([
      expect.objectContaining({
        line: 6,
        column: 1,
        severity: "error",
        message: expect.stringMatching(/^include "huge\.html" is 2\.0 MB; an include may be at most 1\.0 MB, because /),
      }),
    ]);
  });

  it("a layout over the size limit: at the layout", () => {
    expect(findingsIn(report, "_includes/layouts/huge.html")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        severity: "error",
        message: expect.stringMatching(/^this layout is 1\.9 MB; a layout may be at most 1\.0 MB, because /),
      }),
    ]);
  });
});

describe("what data files hold is bounded (npm run check)", () => {
  let code: number;
  let report: Report;

  beforeAll(async () => {
    const root = await makeFixtureSite({
      files: {
        "_data/bomb.yml": aliasBomb(),
        "_data/self.yml": "loop: &loop [1, *loop]\n",
        "_data/deep.yml": `deep: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
        "_data/huge.yml": `items:\n${huge("  - an entry of a data file far larger than any site needs\n")}`,
      },
    });
    roots.push(root);
    ({ code, report } = await cli("check", root));
  });

  it("fails", () => {
    expect(code).toBe(1);
  });

  it("a YAML alias bomb: at the alias that takes it past the limit", () => {
    expect(findingsIn(report, "_data/bomb.yml")).toEqual([
      expect.objectContaining({ line: 5, column: 29, severity: "error", message: expect.stringMatching(/^alias "\*d" repeats 11,111 values/) }),
    ]);
  });

  it("an alias inside what it repeats: at the alias", () => {
    expect(findingsIn(report, "_data/self.yml")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 17,
        severity: "error",
        message: expect.stringMatching(/^alias "\*loop" repeats a list or mapping it is inside of/),
      }),
    ]);
  });

  it("mappings nested 10,000 deep: the nesting limit, where it is passed", () => {
    expect(findingsIn(report, "_data/deep.yml")).toEqual([
      expect.objectContaining({ line: 1, severity: "error", message: expect.stringMatching(/^lists and mappings are nested more than 100 deep here/) }),
    ]);
  });

  it("a 100 MB data file: the size limit, and why", () => {
    expect(findingsIn(report, "_data/huge.yml")).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        severity: "error",
        message: expect.stringMatching(/^this data file is 100\.0 MB; a data file may be at most 1\.0 MB, because /),
      }),
    ]);
  });
});
