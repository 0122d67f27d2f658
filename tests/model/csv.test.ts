import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/model/csv.ts";

/**
 * The CSV/TSV reader, as Ruby's CSV reads a Jekyll data file (`headers: true`): RFC 4180's
 * quoting, Ruby's nil for an empty field, and the places of what Ruby refuses. (What Jekyll
 * renders from such files is compared in tests/jekyll/site-differential.test.ts, data-tables.)
 */

const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

describe("readCsv", () => {
  it("keys each row by the header row, every value text; an empty field is nil, a quoted empty one empty text", () => {
    expect(readCsv('name,port,note\nssh,22,\nweb,,""\n', ",")).toEqual({
      records: [
        { name: "ssh", port: "22", note: null },
        { name: "web", port: null, note: "" },
      ],
      problems: [],
    });
  });

  it("reads quoted fields with separators, line breaks and doubled quotes inside", () => {
    const { records } = readCsv('a,b\n"one, two","line\nbreak"\n"say ""hi""",x\n', ",");
    expect(records).toEqual([
      { a: "one, two", b: "line\nbreak" },
      { a: 'say "hi"', b: "x" },
    ]);
  });

  it("reads TSV with tabs, commas kept in fields; CRLF files; short rows and blank lines as nils", () => {
    expect(readCsv('k\tv\nx, y\t"a\tb"\n', "\t").records).toEqual([{ k: "x, y", v: "a\tb" }]);
    expect(readCsv("a,b\r\n1,2\r\n", ",").records).toEqual([{ a: "1", b: "2" }]);
    expect(readCsv("a,b\n1\n\n3,4", ",").records).toEqual([
      { a: "1", b: null },
      { a: null, b: null },
      { a: "3", b: "4" },
    ]);
    expect(readCsv("", ",")).toEqual({ records: [], problems: [] });
    expect(readCsv("a,b\n", ",").records).toEqual([]);
  });

  it("takes the first of two columns with one name, and warns of a row longer than the header", () => {
    const text = "a,a,b\n1,2,3\n4,5,6,7\n";
    const table = readCsv(text, ",");
    expect(table.records).toEqual([
      { a: "1", b: "3" },
      { a: "4", b: "6" },
    ]);
    expect(table.problems.map((problem) => [problem.severity, lineOf(text, problem.offset)])).toEqual([["warning", 3]]);
  });

  it("refuses what Ruby's CSV refuses, at its place", () => {
    const refused = (text: string) => {
      const table = readCsv(text, ",");
      expect(table.records).toEqual([]);
      expect(table.problems).toHaveLength(1);
      const [problem] = table.problems;
      return [problem!.severity, lineOf(text, problem!.offset), problem!.message.split(":")[0]];
    };
    expect(refused('a,b\n1,2\n3,"open\n4,5\n')).toEqual(["error", 3, "a quoted field is not closed"]);
    expect(refused('a,b\n1,x"y\n')).toEqual(["error", 2, "a quote inside an unquoted field"]);
    expect(refused('a,b\n1, "x"\n')).toEqual(["error", 2, "a quote inside an unquoted field"]);
    expect(refused('a,b\n1,"x"y\n')).toEqual(["error", 2, "text after a quoted field's closing quote"]);
    // Rows end as the first line does: a CRLF after an LF first line leaves a stray \r.
    expect(refused("a,b\n1,2\r\n")).toEqual(["error", 2, "a line break that is not the file's own (it mixes \\n and \\r\\n)"]);
  });
});
