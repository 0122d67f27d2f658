import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith()));
afterAll(() => site.cleanup());

describe("for and tablerow as Ruby Liquid 4", () => {
  it("forloop.parentloop is the enclosing loop's forloop", async () => {
    expect(await site.render("{% for a in (1..2) %}{% for b in (1..2) %}{{ forloop.parentloop.index }}{{ forloop.index }} {% endfor %}{% endfor %}")).toBe(
      "11 12 21 22 ",
    );
  });

  it("keeps offset, limit, reversed and else", async () => {
    expect(
      await site.render("{% for n in (1..6) offset:1 limit:3 reversed %}{{ n }}{% endfor %}|{% for n in page.none %}x{% else %}empty{% endfor %}", {
        none: [],
      }),
    ).toBe("432|empty");
  });

  it("tablerow writes Ruby's rows, with a line break after each, and its tablerowloop fields", async () => {
    const html = await site.render("{% tablerow n in (1..3) cols:2 %}{{ tablerowloop.col }}{{ tablerowloop.row }}{{ tablerowloop.col_last }}{% endtablerow %}");
    expect(html).toBe(
      '<tr class="row1">\n<td class="col1">11false</td><td class="col2">21true</td></tr>\n<tr class="row2"><td class="col1">12false</td></tr>\n',
    );
  });
});
