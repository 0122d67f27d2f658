import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { originalPlace, withRubyMarkup } from "../../src/jekyll/ruby-markup.ts";
import { engineWith } from "./render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith({ "_includes/who.html": "{{ include.people[include.key]name }}" })));
afterAll(() => site.cleanup());

const people = { ada: { name: "Ada", langs: ["x", "y"] } };

describe("a[b]c as Ruby Liquid reads it", () => {
  it("reads a name after ] as one more lookup, in pages and includes", async () => {
    expect(await site.render("{{ page.people[page.key]name }} {{ page.people['ada']langs.size }}", { people, key: "ada" })).toBe("Ada 2");
    expect(await site.render("{% include who.html people=page.people key=page.key %}", { people, key: "ada" })).toBe("Ada");
  });

  it("leaves quoted text, raw blocks and text outside Liquid as written", async () => {
    expect(await site.render('{{ "a]b" }} x]y {% raw %}{{ a[b]c }}{% endraw %}')).toBe("a]b x]y {{ a[b]c }}");
  });

  it("maps places in the text it changed back to the text as written", () => {
    const written = "{{ a[b]c }} {{ d }}";
    const parsed = withRubyMarkup(written);
    expect(parsed).toBe("{{ a[b].c }} {{ d }}");
    expect(originalPlace(parsed, parsed.indexOf("d }}"))).toEqual({ input: written, offset: written.indexOf("d }}") });
  });
});

describe("quoted text as Ruby Liquid reads it", () => {
  it("keeps every backslash, and maps places after the ones it doubled back to the text as written", () => {
    const written = String.raw`{{ "C:\temp" }} {% include x.html a="say \"hi\"" b="c:\d" %} {{ d }}`;
    const parsed = withRubyMarkup(written);
    expect(parsed).toBe(String.raw`{{ "C:\\temp" }} {% include x.html a="say \"hi\"" b="c:\\d" %} {{ d }}`);
    expect(originalPlace(parsed, parsed.indexOf("d }}"))).toEqual({ input: written, offset: written.indexOf("d }}") });
  });
});
