import fc from "fast-check";
import { type Handler, Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { checkLinks } from "../../src/checks/output/links.ts";
import { type OutputPage, SummaryStrings, summarizePage } from "../../src/checks/output/page-summary.ts";
import { skippingTokenizer } from "../../src/checks/output/skipping-tokenizer.ts";
import { STRICT_LIQUID } from "../../src/model/settings.ts";
import type { SiteModel, SourcePage } from "../../src/model/site-model.ts";
import { locationOfPath, readYamlSource } from "../../src/model/yaml-positions.ts";

/** Pieces of HTML that exercise the tokenizer's states: text, entities, quotes, raw text, comments. */
const HTML_PIECES = [
  "text ",
  "a longer run of text without any markup at all ",
  "\n",
  "&amp;",
  "&amp",
  "&lt;",
  "&#123;",
  "&#x7b;{",
  "&lbrace;",
  "&",
  "&#",
  "{{ x }}",
  "{%",
  "%}",
  "{:",
  "}",
  "<",
  ">",
  '"',
  "'",
  "=",
  "/",
  '<a href="/docs/x">',
  "<a href='y&amp;z' name=n>",
  '<a href=u id="i">',
  "</a>",
  "</A>",
  '<A HREF="X">',
  '<img src="i.png"/>',
  "<img src=u>",
  '<link rel="stylesheet" href="s.css">',
  '<div id="d" title="{{ t }}">',
  "</div>",
  "<p title='{% q %}' title=\"dup\">",
  "</p>",
  "<br/>",
  "</br>",
  "<code>",
  "</code>",
  "<pre>",
  "</pre>",
  "<script>",
  '<script src="x.js">',
  "</script>",
  "</script >",
  "<script/>",
  "<style>",
  "</style>",
  "<title>",
  "</title>",
  "<textarea>",
  "</textarea>",
  "<xmp>",
  "</xmp>",
  "<svg><path d='x'/></svg>",
  "<math><mi>",
  "</math>",
  "<!-- comment -->",
  "<!-->",
  "<!doctype html>",
  "<!x>",
  "<![CDATA[ {{ c }} ]]>",
  "<?pi?>",
  "</>",
  "</ a>",
  '<a title="never closed',
  "<a title='never closed",
  "<a href=unquoted&amp;",
  "<input>",
  "<select>",
  "<li>",
  "<td>",
  "<table>",
];

const htmlSoup = fc.array(fc.constantFrom(...HTML_PIECES), { maxLength: 40 }).map((pieces) => pieces.join(""));

/** Every event the parser sends, in order. */
function parserEvents(html: string, Tokenizer?: typeof skippingTokenizer): unknown[] {
  const events: unknown[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      events.push([name, ...args]);
  const handler: Partial<Handler> = {
    onopentagname: record("opentagname"),
    onattribute: record("attribute"),
    onopentag: (name, attributes, implied) => events.push(["opentag", name, { ...attributes }, implied]),
    ontext: record("text"),
    onclosetag: record("closetag"),
    oncomment: record("comment"),
    oncdatastart: record("cdatastart"),
    onprocessinginstruction: record("processinginstruction"),
    onend: record("end"),
  };
  const parser = new Parser(handler, { decodeEntities: true, ...(Tokenizer ? { Tokenizer } : {}) });
  parser.end(html);
  return events;
}

describe("page summaries", () => {
  it("the skipping tokenizer sends htmlparser2 the same events as its own tokenizer", () => {
    fc.assert(
      fc.property(htmlSoup, (html) => {
        expect(parserEvents(html, skippingTokenizer)).toEqual(parserEvents(html));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it("list each URL once, with the text of the first link to it", () => {
    const html = '<p><a href="/x">first</a> <img src="/x"> <a href="/x">second</a> <a href="#top">top</a></p>';
    const page = summarizePage(html, "content/a.md", "/a.html");
    expect(page.references).toEqual([
      { kind: "link", url: "/x", text: "first" },
      { kind: "link", url: "#top", text: "top" },
    ]);
  });

  it("share the links and ids that pages repeat", () => {
    const strings = new SummaryStrings();
    const frame = '<nav id="site-navigation"><a href="/docs/integrations/databases/amazon-rds-postgresql">Amazon RDS PostgreSQL</a></nav>';
    const one = summarizePage(`${frame}<p>one</p>`, "content/one.md", "/one.html", strings);
    const two = summarizePage(`<main>${frame}</main>`, "content/two.md", "/two.html", strings);
    expect(two.references[0]).toBe(one.references[0]);
    expect([...two.ids]).toEqual(["site-navigation"]);
  });

  it("find raw syntax in text and in attribute values, not in code", () => {
    const html = '<p title="{{ a }}" title="{{ dropped }}">{{ b }} &#123;{ c }}</p><code>{{ code }}</code><a href="{% d %}">x</a>';
    expect(summarizePage(html, "content/a.md", "/a.html").rawSyntax.sort()).toEqual(["{% d %}", "{{ a }}", "{{ b }}", "{{ c }}"]);
  });
});

describe("link resolution", () => {
  const page = (file: string, url: string): SourcePage => ({
    file,
    absolutePath: `/site/${file}`,
    text: "",
    body: "",
    bodyStartLine: 1,
    stem: url,
    url,
    published: true,
  });
  const source: SiteModel = {
    root: "/site",
    dirs: {
      root: "/site",
      input: "/site/content",
      includes: "/site/_includes",
      layouts: "/site/_includes/layouts",
      data: "/site/_data",
      output: "/site/_site",
    },
    kind: "native",
    jekyllCollections: [],
    unknownPlugins: [],
    notBuilt: [],
    settings: { baseurl: "", url: "", collections: {}, liquid: STRICT_LIQUID, keepFiles: [] },
    siteData: {},
    pages: [page("content/a/x.md", "/a/x"), page("content/b/x.md", "/b/x")],
    includes: [],
    layouts: [],
    dataFiles: [],
    data: {},
    dataPaths: [],
    assets: [],
    refused: [],
    reads: { files: 0, yamlTexts: 0 },
  };
  const built = (dir: string, ids: string[], references: OutputPage["references"]): OutputPage => ({
    inputPath: `/site/content/${dir}/x.md`,
    url: `/${dir}/x.html`,
    ids: new Set(ids),
    references,
    hasPolicy: true,
    rawSyntax: [],
    imagesWithoutAlt: [],
    rawHtml: [],
  });

  it("resolves a relative link and a fragment against the page it is on", () => {
    // The same references on two pages in different folders: each resolves on its own page.
    const links = [
      { kind: "link" as const, url: "y", text: "" },
      { kind: "link" as const, url: "#here", text: "" },
      { kind: "link" as const, url: "/a/x#there", text: "" },
    ];
    const findings = checkLinks({
      source,
      pages: [built("a", ["here"], links), built("b", [], links)],
      files: new Set(["a/x.html", "a/y.html", "b/x.html"]),
      skippedUrls: new Set(),
    });
    expect(findings.map((f) => `${f.file}: ${f.message}`)).toEqual([
      'content/a/x.md: link "/a/x#there": page "/a/x" has no element with id "there"; did you mean "#here"?',
      'content/b/x.md: link "y" resolves to no page; did you mean "/b/x"?',
      'content/b/x.md: link "#here": this page has no element with id "here"',
      'content/b/x.md: link "/a/x#there": page "/a/x" has no element with id "there"; did you mean "#here"?',
    ]);
  });
});

describe("front matter parsed with positions only for a finding", () => {
  it("locates a path as a parse with positions at once does", () => {
    const text = "title: x\nsteps:\n  - title: one\n    content: |\n      text\n  - title: two\n";
    const kept = readYamlSource("content/x.md", text, 1);
    void kept.doc;
    const dropped = readYamlSource("content/x.md", text, 1);
    expect(dropped.errors).toEqual([]);
    for (const path of [["title"], ["steps", 1, "title"], ["steps", 0, "content"], ["missing"]]) {
      expect(locationOfPath(dropped, path)).toEqual(locationOfPath(kept, path));
    }
  });
});
