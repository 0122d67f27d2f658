import * as cheerio from "cheerio";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { parseAttributeList } from "../../src/markdown/attribute-list.ts";
import { kramdownAttributes } from "../../src/markdown/kramdown-attributes.ts";
import { safeNewTabLinks } from "../../src/markdown/safe-new-tab-links.ts";

const render = (source: string) => cheerio.load(new MarkdownIt({ html: true }).use(kramdownAttributes).use(safeNewTabLinks).render(source));

describe("parseAttributeList", () => {
  it("reads ids, classes and quoted or bare values", () => {
    expect(parseAttributeList(` #intro .a .b target="new" data-x='y' rel=nofollow`)).toEqual([
      ["id", "intro"],
      ["target", "new"],
      ["data-x", "y"],
      ["rel", "nofollow"],
      ["class", "a b"],
    ]);
  });

  it("refuses text that is not an attribute list", () => {
    expect(parseAttributeList("not an attribute list")).toBeNull();
  });
});

describe("kramdownAttributes", () => {
  it("puts a span IAL on the link before it", () => {
    const $ = render(`See [the FAQ](/faq){:target="new"} now.`);
    expect($("a").attr("target")).toBe("new");
    expect($("p").text()).toBe("See the FAQ now.");
  });

  it("puts a span IAL on emphasis and inline code", () => {
    const $ = render("**bold**{: .strong} and `code`{:.c}");
    expect($("strong").attr("class")).toBe("strong");
    expect($("code").attr("class")).toBe("c");
  });

  it("takes a header id from {#id}", () => {
    const $ = render("## Databases this guide applies to {#applicable-databases}");
    expect($("h2").attr("id")).toBe("applicable-databases");
    expect($("h2").text()).toBe("Databases this guide applies to");
  });

  it("applies a block IAL on the line after a paragraph to the paragraph", () => {
    const $ = render("A paragraph\n{: .note}");
    expect($("p").attr("class")).toBe("note");
    expect($("p").text()).toBe("A paragraph");
  });

  it("applies a block IAL directly after a list (not indented into it) to the whole list", () => {
    const $ = render("- one\n- two\n{: .compact}");
    expect($("ul").attr("class")).toBe("compact");
    expect($("li").last().text()).toBe("two");
  });

  it("applies a block IAL after a blank line to the block after it, as kramdown does", () => {
    const $ = render("- one\n- two\n\n{: .compact}\nNext paragraph.");
    expect($("ul").attr("class")).toBeUndefined();
    expect($("p.compact").text()).toBe("Next paragraph.");
  });

  it("names attribute list definitions in IALs", () => {
    const $ = render('{:callout: .note data-kind="tip"}\n\nA paragraph.\n{: callout .wide}');
    expect($("p").attr("class")).toBe("note wide");
    expect($("p").attr("data-kind")).toBe("tip");
    expect($("p")).toHaveLength(1);
  });

  it("leaves braces that are not attribute lists alone", () => {
    const $ = render("Use {: not valid} as text and [a](/a){:oops}");
    expect($("p").text()).toBe("Use {: not valid} as text and a{:oops}");
  });
});

describe("safeNewTabLinks", () => {
  it("adds rel=noopener noreferrer to links that open a new tab", () => {
    const $ = render(`[a](https://example.com){:target="_blank"} [b](/b)`);
    expect($("a").eq(0).attr("rel")).toBe("noopener noreferrer");
    expect($("a").eq(1).attr("rel")).toBeUndefined();
  });
});
