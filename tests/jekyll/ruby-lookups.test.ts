import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { originalPlace, withRubyLookups } from "../../src/jekyll/ruby-lookups.ts";
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
    const parsed = withRubyLookups(written);
    expect(parsed).toBe("{{ a[b].c }} {{ d }}");
    expect(originalPlace(parsed, parsed.indexOf("d }}"))).toEqual({ input: written, offset: written.indexOf("d }}") });
  });
});
