import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../jekyll/render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
const items = [{ name: "a", color: "red", tags: ["x", "y"] }, { name: "b" }, { name: "c", color: "red", ssh: true }, { name: "d", color: "blue" }];
beforeAll(async () => void (site = await engineWith()));
afterAll(() => site.cleanup());

describe("Jekyll's where and find", () => {
  it("skips items without the key instead of stopping the page", async () => {
    expect(await site.render('{% assign r = page.items | where: "color", "red" %}{{ r | map: "name" | join: "," }}', { items })).toBe("a,c");
    expect(await site.render('{% assign f = page.items | find: "color", "blue" %}{{ f.name }}', { items })).toBe("d");
  });

  it("compares as text, and a list property matches when it holds the value", async () => {
    expect(await site.render('{{ page.items | where: "ssh", true | map: "name" | join: "," }}', { items })).toBe("c");
    expect(await site.render('{{ page.items | where: "tags", "y" | map: "name" | join: "," }}', { items })).toBe("a");
  });
});

describe("Jekyll's group_by and group_by_exp", () => {
  it("groups by the property's text, items without it under an empty name, with name, items and size", async () => {
    const template =
      '{% assign g = page.items | group_by: "color" %}{% for x in g %}[{{ x.name }}:{{ x.size }}:{{ x.items | map: "name" | join: "" }}]{% endfor %}';
    expect(await site.render(template, { items })).toBe("[red:2:ac][:1:b][blue:1:d]");
  });

  it("groups by an expression, each group with its size", async () => {
    const template = '{% assign g = page.items | group_by_exp: "i", "i.name | size" %}{% for x in g %}[{{ x.name }}:{{ x.size }}]{% endfor %}';
    expect(await site.render(template, { items })).toBe("[1:4]");
  });
});
