import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, makeFixtureSite, renderFixtureSite } from "../helpers/site.ts";

// A tutorial that uses every Liquid feature TUTORIAL-FORMAT.md promises authors.
const TUTORIAL = `---
title: "Semantics & checks"
permalink: /common/semantics
summary: Exercises the format
layout: tutorial
custom-key: from front matter
intro: |
  {% include test/assign-greeting.html who="authors" %}
  Intro sees {{ greeting }}.
requirements:
  - item: "Requirement for {{ page.title }} at {{ page.url }}"
requirements-info: |
  Info with **markdown** and {{ page.custom-key }}.
steps:
  - title: "Uses {{ greeting | upcase }}"
    anchor: later-step
    content: |
      Later step still sees {{ greeting }}; region {{ site.data.stitch.regions[1].name }}; base {{ site.baseurl }}.

      {% assign label = "label" %}{% include test/echo.html text="literal" value=label %}

      {% capture captured %}{{ "a b" | append: " c" | prepend: "z " | remove: "b " | strip }}{% endcapture %}Captured: {{ captured }}.

      {% case greeting %}{% when "hello authors" %}Case matched.{% else %}Case missed.{% endcase %}
      {% unless false %}Unless works.{% endunless %}
      {% comment %}Never shown.{% endcomment %}

      {% assign ssh-destinations = site.destinations | where: "ssh", true %}{% for doc in ssh-destinations %}{% if forloop.first %}First SSH destination: {{ doc.title }}.{% endif %}{% endfor %}

      {% assign amazon = site.database-integrations | where_exp: "doc", "doc.amazon == true" | sort: "title" %}Amazon count: {{ amazon.size }}.

      Slug: {{ "Hello World!" | slugify }}. Escaped: {{ "<b>&" | xml_escape }}. JSON: {{ site.data.ui.buttons | jsonify }}.
      Relative: {{ "/x" | relative_url }}. Absolute: {{ "/x" | absolute_url }}.
      {% raw %}Raw keeps {{ braces }}{% endraw %}
      Flatify: {{ "{{ greeting }}" | flatify }}.

      [New tab](https://example.com){:target="_blank"}
next-steps: |
  {{ "**Bold** next" | markdownify }}
---
Body sees {{ greeting }}.
`;

let site: BuiltSite;
let text: (selector: string) => string;

beforeAll(async () => {
  const root = await makeFixtureSite({
    files: {
      "content/common/semantics.md": TUTORIAL,
      "_includes/test/assign-greeting.html": `{%- assign greeting = "hello " | append: include.who -%}`,
      "_includes/test/echo.html": `<span class="echo">{{ include.text }}/{{ include.value }}</span>`,
    },
  });
  site = await renderFixtureSite(root);
  const $ = await site.page("/docs/common/semantics");
  text = (selector: string) => $(selector).text().replace(/\s+/g, " ").trim();
});
afterAll(() => site?.cleanup());

describe("Liquid in front-matter fields", () => {
  it("shares one scope across fields: an include's assign in the intro reaches later steps", () => {
    expect(text(".tutorial-intro")).toBe("Intro sees hello authors.");
    expect(text("#later-step")).toBe("Step 1: Uses HELLO AUTHORS");
    expect(text("#later-step + p")).toContain("Later step still sees hello authors;");
  });

  it("exposes page.* (front matter, title, url) and site.* (settings, nested data)", () => {
    expect(text(".requirements li")).toBe("Requirement for Semantics & checks at /common/semantics");
    expect(text(".requirements > p")).toBe("Info with markdown and from front matter.");
    expect(text("#later-step + p")).toContain("region Europe; base /docs.");
  });

  it("passes include parameters as include.<name>, literal or variable", () => {
    expect(text(".echo")).toBe("literal/label");
  });

  it("supports the tags authors use", () => {
    const step = text("section:has(#later-step)");
    expect(step).toContain("Captured: z a c.");
    expect(step).toContain("Case matched.");
    expect(step).toContain("Unless works.");
    expect(step).not.toContain("Never shown");
    expect(step).toContain("Raw keeps {{ braces }}");
  });

  it("gives collections as site.<name> that where, where_exp and sort work on", () => {
    const step = text("section:has(#later-step)");
    expect(step).toContain("First SSH destination: Microsoft Azure SQL Data Warehouse.");
    expect(step).toContain("Amazon count: 5.");
  });

  it("supports the Jekyll filters", () => {
    const step = text("section:has(#later-step)");
    expect(step).toContain("Slug: hello-world.");
    expect(step).toContain("Escaped: <b>&.");
    // The step's text is markdown, so its quotes come out curly, as in Jekyll.
    expect(step.replace(/[“”]/g, '"')).toContain('JSON: {"add-integration":"Add Integration"}.');
    expect(step).toContain("Relative: /docs/x. Absolute: https://www.stitchdata.com/docs/x.");
    expect(step).toContain("Flatify: hello authors.");
  });

  it("renders next-steps and the page body after the steps", () => {
    expect(text("#next-steps + strong, #next-steps + p")).toBe("Bold next");
    expect(text("article > p")).toBe("Body sees hello authors.");
  });

  it("escapes the title in <title> and the heading", async () => {
    const $ = await site.page("/docs/common/semantics");
    expect($("title").text()).toBe("Semantics & checks | Stitch Documentation");
    expect($("h1").text()).toBe("Semantics & checks");
  });
});
