import { describe, expect, it } from "vitest";
import { withLaxVariables } from "../../src/jekyll/malformed-markup.ts";
import { laxMarkup, strictProblem } from "../../src/jekyll/ruby-variable-syntax.ts";

/**
 * Ruby Liquid's strict and lax readings of a variable's markup (what error_mode decides between;
 * the renderings are compared with Jekyll's in error-mode-differential.test.ts).
 */

describe("Ruby Liquid's strict parser", () => {
  it("reads well-formed markup without a word", () => {
    for (const markup of [
      " page.title ",
      ' page.title | default: "Untitled" | escape ',
      ' site.data["ip-addresses"].us[0] | join: ", " ',
      " (1..3) | join: '-' ",
      " -2.5 | plus: 1 ",
      ' page.date | date: format: "%Y", zone: "UTC" ',
      " include.my-param? ",
      " [page.key] ",
      "",
      "   ",
    ]) {
      expect(strictProblem(markup), markup).toBeUndefined();
    }
  });

  it("says where and why it stops", () => {
    expect(strictProblem(" page.title | ")).toEqual({ at: 14, message: "expected a filter name after | but found the end of the markup" });
    expect(strictProblem(' "x" | upcase: ')?.message).toBe("expected a value (a name, text or number) but found the end of the markup");
    expect(strictProblem(' x | append: "!" extra ')).toEqual({ at: 17, message: 'expected | or the end of the markup but found "extra"' });
    expect(strictProblem(" x = 1 ")).toEqual({ at: 3, message: 'unexpected character "="' });
    expect(strictProblem(" a[b]c ")?.message).toBe('expected | or the end of the markup but found "c"');
  });
});

describe("Ruby Liquid's lax parser", () => {
  it("keeps the name and each filter with its arguments, skipping what it can't read", () => {
    expect(laxMarkup(" page.title | ")).toBe("page.title");
    expect(laxMarkup(' "x" | upcase: ')).toBe('"x"|upcase');
    expect(laxMarkup(' page.title | append: "!" extra ')).toBe('page.title|append:"!"');
    expect(laxMarkup(" page.title page.other ")).toBe("page.title");
    expect(laxMarkup(" page.title | | upcase ")).toBe("page.title|upcase");
    expect(laxMarkup(" 'a' | append: 'b',, ")).toBe("'a'|append:'b'");
    expect(laxMarkup(' d | date: format: "%Y" ')).toBe('d|date:format: "%Y"');
  });
});

describe("a template's malformed variables", () => {
  it("are found in markup that runs to the first closing delimiter outside quoted text", () => {
    expect(withLaxVariables('{{ "{{ greeting }}" | flatify }} {% assign s = "%}" | append: "}}" %}').problems).toEqual([]);
    expect(withLaxVariables('{{ "}}" | }}').problems).toHaveLength(1);
  });

  it("are given to LiquidJS as the lax reading, every later place in the text where it was", () => {
    const text = "{{ a | }} and {%- assign b = a | | upcase -%}\n{{ c\n | }} end {% raw %}{{ d | }}{% endraw %}{{ e | f }}";
    const lax = withLaxVariables(text);
    expect(lax.text.length).toBe(text.length);
    expect(lax.text.indexOf(" end ")).toBe(text.indexOf(" end "));
    expect(lax.text.split("\n")).toEqual(["{{a    }} and {%- assign b =a|upcase      -%}", "{{c ", "   }} end {% raw %}{{ d | }}{% endraw %}{{ e | f }}"]);
    expect(lax.problems.map((problem) => text.slice(problem.begin, problem.end))).toEqual(["}", "|", "}"]);
  });
});
