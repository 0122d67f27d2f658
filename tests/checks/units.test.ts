import { describe, expect, it } from "vitest";
import type { Scalar } from "yaml";
import { type Finding, formatFinding, sortFindings } from "../../src/checks/finding.ts";
import { mojibakeFindings, repairMojibake } from "../../src/checks/source/mojibake.ts";
import { splitFrontMatter } from "../../src/model/front-matter.ts";
import { locationInScalar, nodeAtPath, readYamlSource } from "../../src/model/yaml-positions.ts";
import { nearest } from "../../src/support/nearest.ts";

describe("mojibake", () => {
  it("re-encodes Windows-1252 and decodes UTF-8 to find the intended text", () => {
    expect(repairMojibake("â€™")).toBe("’");
    expect(repairMojibake("Ã©")).toBe("é");
    expect(repairMojibake("â€œ")).toBe("“");
  });

  it("leaves correct accented text alone", () => {
    const text = "naïve café “quoted” déjà vu – Ærø";
    expect(mojibakeFindings({ file: "x.md", absolutePath: "/x.md", text })).toEqual([]);
  });

  it("locates each occurrence by line and column", () => {
    const text = "first\nIt isnâ€™t a cafÃ©.";
    const found = mojibakeFindings({ file: "x.md", absolutePath: "/x.md", text });
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [2, 7],
      [2, 17],
    ]);
    expect(found[1]!.message).toContain('"cafÃ©.": probably "café."');
  });
});

describe("nearest", () => {
  it("suggests a close name and nothing for a far one", () => {
    expect(nearest("requirments", ["requirements", "steps", "intro"])).toBe("requirements");
    expect(nearest("markdownfy", ["markdownify", "flatify"])).toBe("markdownify");
    expect(nearest("titel", ["title", "steps"])).toBe("title");
    expect(nearest("totally-different", ["steps", "intro"])).toBeUndefined();
  });
});

describe("YAML positions", () => {
  const text = "title: x\nintro: |\n  first line\n    indented {{ a }}\nsteps:\n  - title: folded\n    content: >\n      one\n      two {{ b }}\n";
  const source = readYamlSource("content/x.md", text, 1);

  it("maps an offset inside a literal block scalar to the file's line and column", () => {
    const intro = nodeAtPath(source, ["intro"]).value as Scalar;
    const value = String(intro.value);
    // Front matter starts on line 2 of the file: `intro: |` is line 3, its second line is line 5.
    expect(locationInScalar(source, intro, value.indexOf("{{ a }}"))).toEqual({ file: "content/x.md", line: 5, column: 14 });
  });

  it("finds text inside a folded scalar by looking it up", () => {
    const content = nodeAtPath(source, ["steps", 0, "content"]).value as Scalar;
    const value = String(content.value);
    expect(locationInScalar(source, content, value.indexOf("{{ b }}"), "{{ b }}")).toMatchObject({ line: 10, column: 11 });
  });

  it("splits front matter the way the build does", () => {
    const split = splitFrontMatter("---\ntitle: a\n---\nbody line\n");
    expect(split).toEqual({ yaml: "title: a\n", body: "body line\n", bodyStartLine: 4 });
    expect(splitFrontMatter("no front matter")).toBeUndefined();
  });
});

describe("findings", () => {
  it("sort by file, then line, drop duplicates, and print as path:line:col: severity: message", () => {
    const make = (file: string, line: number, message = "m"): Finding => ({ file, line, column: 1, severity: "error", check: "t", message });
    const sorted = sortFindings([make("b.md", 1), make("a.md", 9), make("a.md", 2), make("a.md", 2)]);
    expect(sorted.map(formatFinding)).toEqual(["a.md:2:1: error: m", "a.md:9:1: error: m", "b.md:1:1: error: m"]);
  });
});
