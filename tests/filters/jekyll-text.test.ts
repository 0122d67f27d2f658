import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../jekyll/render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith()));
afterAll(() => site.cleanup());

describe("Jekyll's text filters", () => {
  it("normalize_whitespace collapses and trims", async () => {
    expect(await site.render('[{{ "  a \t b\n\n c  " | normalize_whitespace }}]')).toBe("[a b c]");
  });

  it("smartify makes curly quotes, dashes and ellipses, and keeps HTML", async () => {
    expect(await site.render(`{% capture t %}It's "so" -- x --- y... <b>z</b>{% endcapture %}{{ t | smartify }}`)).toBe("It’s “so” – x — y… <b>z</b>");
  });

  it("inspect prints Ruby's inspect, HTML-escaped", async () => {
    expect(await site.render("{{ page.list | inspect }} {{ page.hash | inspect }} {{ nil | inspect }}", { list: ["a", 1], hash: { k: "<v>" } })).toBe(
      "[&quot;a&quot;, 1] {&quot;k&quot;=&gt;&quot;&lt;v&gt;&quot;} nil",
    );
  });
});
