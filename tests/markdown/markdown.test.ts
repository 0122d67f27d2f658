import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../src/markdown/index.ts";
import { headingSlug, urlSlug } from "../../src/markdown/slug.ts";

describe("headingSlug", () => {
  it("makes ids as Jekyll's kramdown (GFM input) does", () => {
    expect(headingSlug("Step 1: Configure the SSH server")).toBe("step-1-configure-the-ssh-server");
    expect(headingSlug("What’s new in Stitch?")).toBe("whats-new-in-stitch");
    expect(headingSlug("2024 changes")).toBe("2024-changes");
    expect(headingSlug("Café & the_server")).toBe("café--the_server");
  });
});

describe("urlSlug", () => {
  it("makes ASCII path segments for new tutorials", () => {
    expect(urlSlug("2024 changes")).toBe("changes");
    expect(urlSlug("Café & more")).toBe("cafe-more");
  });
});

describe("the site's markdown", () => {
  const md = createMarkdown();

  it("gives headings automatic ids unless they set one", () => {
    const $ = cheerio.load(md.render("## Plain heading\n\n## Custom {#mine}"));
    expect(
      $("h2")
        .map((_, h) => $(h).attr("id"))
        .get(),
    ).toEqual(["plain-heading", "mine"]);
  });

  it("marks fenced code with its language", () => {
    const $ = cheerio.load(md.render("```shell\nsudo ls\n```"));
    expect($("pre > code").attr("class")).toBe("language-shell");
    expect($("pre > code").text()).toBe("sudo ls\n");
  });

  it("renders GFM tables and <url> autolinks, and leaves bare URLs as text as kramdown does", () => {
    const $ = cheerio.load(md.render("| a | b |\n| - | - |\n| 1 | 2 |\n\nSee <https://www.stitchdata.com>, not www.example.com"));
    expect(
      $("table td")
        .map((_, td) => $(td).text())
        .get(),
    ).toEqual(["1", "2"]);
    expect($("a").attr("href")).toBe("https://www.stitchdata.com");
    expect($("a")).toHaveLength(1);
  });

  it("aligns table columns with classes, never inline styles (the pages' CSP ignores those)", () => {
    const $ = cheerio.load(md.render("| a | b | c |\n| :- | :-: | -: |\n| 1 | 2 | 3 |"));
    expect(
      $("td")
        .map((_, td) => $(td).attr("class"))
        .get(),
    ).toEqual(["align-left", "align-center", "align-right"]);
    expect($("[style]")).toHaveLength(0);
  });

  it("keeps a paragraph indented under a list item inside it", () => {
    const $ = cheerio.load(md.render("- **Item.** Text.\n\n   More about the item."));
    expect($("li > p")).toHaveLength(2);
  });
});
