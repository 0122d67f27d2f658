import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { checkFixture } from "./fixture-tutorial.ts";

/**
 * Raw HTML in content, as an attacker or a careless author would write it: each line of one
 * page either must be reported at that line (with its severity), or must pass. findings.test.ts
 * has one fixture per class; this page covers the rest of each class in one build.
 */

const PAGE = "content/common/raw-html.md";

type Severity = "error" | "warning";
/** [line of the page's body, expected severity (or severities, in the order of their columns) or "fine"] */
const BODY: Array<[string, Severity | Severity[] | "fine"]> = [
  // What runs script.
  ["<img src=/docs/assets/favicon.svg alt='x' ONERROR=alert(1)>", "error"],
  ['<a href="jav&#x09;ascript:alert(1)">tab inside the scheme</a>', "error"],
  ['<a href="&#106;avascript:alert(1)">character reference</a>', "error"],
  ['<iframe src="javascript:alert(1)"></iframe>', "error"],
  ['<form action="javascript:alert(1)"><button>Go</button></form>', "error"],
  ['<svg><a href="#main"><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', "error"],
  ["<svg><script>alert(1)</script></svg>", "error"],
  ['<script type="module">alert(1)</script>', "error"],
  ['<script type="text/javascript; charset=utf-8">alert(1)</script>', "error"],
  // Markup htmlparser2 reads as text or as a comment, and browsers as HTML.
  ["<noscript><p title=\"</noscript><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)>\"></noscript>", "error"],
  ["<noembed><p title=\"</noembed><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)>\"></noembed>", "error"],
  // (the <style> does nothing under the policy: a warning before the handler's error)
  ["<svg><style><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)></style></svg>", ["warning", "error"]],
  ["<math><style><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)></style></math>", ["warning", "error"]],
  ["<!-- a --!><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)>-->", "error"],
  ["<![CDATA[><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)>]]>", "error"],
  // What sends the reader, or the page's links, elsewhere.
  ['<meta http-equiv="refresh" content="0; url=https://phish.example/">', "error"],
  ['<base href="https://phish.example/">', "error"],
  ['<iframe srcdoc="<p>hello</p>"></iframe>', "error"],
  // What the Content-Security-Policy blocks.
  ['<iframe src="https://video.example/embed/1" title="video"></iframe>', "warning"],
  ['<object data="/docs/assets/diagram.svg"></object>', "warning"],
  ['<video poster="//cdn.example/poster.png"></video>', "warning"],
  ['<img src="/docs/assets/favicon.svg" srcset="https://cdn.example/a.png 2x" alt="A picture">', "warning"],
  ['<link rel="stylesheet" href="https://fonts.example/css">', "warning"],
  ['<form action="https://forms.example/submit"><button>Send</button></form>', "warning"],
  // What is fine.
  ['<img src="/docs/assets/favicon.svg" alt="Same site">', "fine"],
  ['<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Inline image">', "fine"],
  ['<a href="https://example.com/javascript:x">A link to another site</a>', "fine"],
  ['<form action="/docs/search"><button>Search</button></form>', "fine"],
  ["Prose about `<script>` tags, onclick= handlers and javascript: URLs.", "fine"],
  ['<p title="javascript:alert(1) is what not to write">Title text</p>', "fine"],
  // A data block (jekyll-seo-tag's structured data): no browser runs it.
  ['<script type="application/ld+json">{"@type": "WebPage"}</script>', "fine"],
];

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe("raw HTML in content", () => {
  it("reports each way of running script, leaving, or loading from elsewhere at its line", async () => {
    // Body lines are separated by blank lines, so that each is a block of its own.
    const text = `---\ntitle: Raw HTML\nlayout: page\n---\n${BODY.map(([line]) => line).join("\n\n")}\n\n\`\`\`html\n<script>alert("in a code block")</script>\n\`\`\`\n`;
    const lineOf = (index: number) => 5 + index * 2;
    const result = await checkFixture({ [PAGE]: text });
    roots.push(result.root);
    const expected = BODY.flatMap(([, severity], index) => (severity === "fine" ? [] : [severity].flat().map((one) => `${PAGE}:${lineOf(index)}: ${one}`)));
    if (process.env.SHOW) console.log(result.lines.join("\n"));
    expect(result.findings.map((found) => `${found.file}:${found.line}: ${found.severity}`)).toEqual(expected);
  });
});

/**
 * Where htmlparser2 and browsers read a page differently: the content of `<title>`, `<style>`
 * and the like is text to htmlparser2 even inside `<svg>`, where the browser reads markup; the
 * content of `<noscript>` is markup to htmlparser2 and text to the browser. Each line is a page
 * of its own, so that no other line makes the checker read the page with the standard parser.
 */
const FOREIGN: Array<[string, "error" | "fine"]> = [
  ["<svg><title>A diagram<img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)></title></svg>", "error"],
  ["<svg><title>a</titlex><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)></title></svg>", "error"],
  ["<svg><title>a</title><TITLE>b<img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)></title></svg>", "error"],
  ['<svg role="img"><title>How the tunnel runs: laptop &amp; bastion</title><desc>Two hosts</desc></svg>', "fine"],
  ["<noscript><p title=\"</noscript><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)>\"></noscript>", "error"],
  ["<iframe><!--</iframe><img src=/docs/assets/favicon.svg alt='x' onerror=alert(1)>--></iframe>", "error"],
  ["<noscript><p>Turn JavaScript on to search.</p></noscript>", "fine"],
];

describe("where htmlparser2 and browsers read a page differently", () => {
  it("reports markup the browser reads there, each page on its own", async () => {
    const file = (index: number) => `content/common/foreign-${index}.md`;
    const pages = Object.fromEntries(FOREIGN.map(([line], index) => [file(index), `---\ntitle: Foreign ${index}\nlayout: page\n---\n${line}\n`]));
    const result = await checkFixture(pages);
    roots.push(result.root);
    if (process.env.SHOW) console.log(result.lines.join("\n"));
    const expected = FOREIGN.flatMap(([, severity], index) => (severity === "fine" ? [] : [`${file(index)}:5: ${severity}`]));
    const handlers = result.findings.filter((found) => found.message.startsWith("event-handler attribute"));
    expect(handlers.map((found) => `${found.file}:${found.line}: ${found.severity}`).sort()).toEqual(expected.sort());
  });
});
