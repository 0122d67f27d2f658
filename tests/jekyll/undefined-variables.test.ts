import { describe, expect, it } from "vitest";
import { TemplateErrorCollector } from "../../src/jekyll/template-errors.ts";
import { engineWith } from "./render-with.ts";

const messages = (errors: TemplateErrorCollector) =>
  errors.records.map((record) => `${record.severity ?? "error"}: ${String((record.error as Error).message).replace(/, line:(\d+), col:(\d+)$/, " @$1:$2")}`);

describe("undefined variables render as nil and are reported", () => {
  it("as warnings (Jekyll's default): empty output, filters applied to nil, each name once at its place", async () => {
    const errors = new TemplateErrorCollector();
    const site = await engineWith({ "_includes/p.html": "[{{ include.v }}]" }, { errors, undefinedVariables: "warning" });
    const html = await site.render(
      'a{{ nope }}b {{ nope | append: "z" }} {% for x in gone %}x{% else %}none{% endfor %} {% include p.html v=lost %} {{ a | append: b }}',
    );
    expect(html).toBe("ab z none [] ");
    expect(messages(errors)).toEqual([
      "warning: undefined variable: nope @1:5",
      "warning: undefined variable: nope @1:17",
      "warning: undefined variable: gone @1:51",
      "warning: undefined variable: lost @1:106",
      "warning: undefined variable: include.v @1:5",
      "warning: undefined variable: a @1:117",
      "warning: undefined variable: b @1:129",
    ]);
    await site.cleanup();
  });

  it("as errors (this repository's own site), rendering on so that every one is found", async () => {
    const errors = new TemplateErrorCollector();
    const site = await engineWith({}, { errors });
    expect(await site.render("{{ one }}|{{ two }}")).toBe("|");
    expect(messages(errors)).toEqual(["error: undefined variable: one @1:4", "error: undefined variable: two @1:14"]);
    await site.cleanup();
  });

  it("without a record of errors, an error throws and a warning renders quietly", async () => {
    const strict = await engineWith();
    await expect(strict.render("{{ nope }}")).rejects.toThrow(/undefined variable: nope/);
    const lenient = await engineWith({}, { undefinedVariables: "warning" });
    expect(await lenient.render("[{{ nope }}]")).toBe("[]");
    await Promise.all([strict.cleanup(), lenient.cleanup()]);
  });

  it("does not report lookups Liquid makes leniently (if, default)", async () => {
    const errors = new TemplateErrorCollector();
    const site = await engineWith({}, { errors, undefinedVariables: "warning" });
    expect(await site.render('{% if page.draft %}d{% endif %}{{ page.label | default: "none" }}')).toBe("none");
    expect(errors.records).toEqual([]);
    await site.cleanup();
  });
});
