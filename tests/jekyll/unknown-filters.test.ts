import { describe, expect, it } from "vitest";
import { TemplateErrorCollector } from "../../src/jekyll/template-errors.ts";
import { unknownFilterUses } from "../../src/jekyll/unknown-filters.ts";
import { engineWith } from "./render-with.ts";

describe("unknown filters", () => {
  it("as warnings (Jekyll's strict_filters: false): the value shows unchanged, each use reported, in pages and includes", async () => {
    const errors = new TemplateErrorCollector();
    const site = await engineWith({ "_includes/inc.html": "{{ include.x | shout }}" }, { errors, undefinedFilters: "warning" });
    expect(await site.render('{{ "a" | upcase | shout }} {% include inc.html x="b" %}')).toBe("A b");
    expect(errors.records.map((record) => [String((record.error as Error).message), record.severity])).toEqual([
      ["undefined filter: shout", "warning"],
      ["undefined filter: shout", "warning"],
    ]);
    await site.cleanup();
  });

  it("as errors (the default): the template is refused", async () => {
    const site = await engineWith();
    await expect(site.render('{{ "a" | shout }}')).rejects.toThrow(/undefined filter: shout/);
    await site.cleanup();
  });

  it("are found in Liquid markup only, not in quoted text, raw blocks or plain text", () => {
    const text = '| nope {{ "x | nope" | known | mystery: 1 }} {% raw %}{{ a | hidden }}{% endraw %} {% assign y = z | other %}';
    expect(unknownFilterUses(text, (name) => name === "known")).toEqual([
      { name: "mystery", begin: text.indexOf("mystery"), end: text.indexOf("mystery") + 7 },
      { name: "other", begin: text.indexOf("other"), end: text.indexOf("other") + 5 },
    ]);
  });
});
