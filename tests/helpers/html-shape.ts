import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";

/**
 * A page's HTML reduced to what a reader gets from it, one element per line: tags, the
 * attributes that mean something (ids, classes, links, titles), text with whitespace collapsed.
 * What differs only in markup details is made equal: code blocks become `<pre>` with their text
 * (Rouge's and highlight.js's spans differ by design), the classes and styles of highlighting and
 * table alignment go, as does `rel` (new-tab links get `noopener noreferrer` here on purpose).
 */

const BLOCK = new Set([
  "p",
  "div",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "blockquote",
  "pre",
  "hr",
]);
const DROPPED_ATTRIBUTES = new Set(["style", "rel"]);
const DROPPED_CLASS = /^(language-|highlighter-rouge$|highlight$|align-(left|center|right)$)/;

const collapse = (text: string) => text.replace(/\s+/g, " ");

function attributesOf(element: Element): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(element.attribs).sort(([a], [b]) => a.localeCompare(b))) {
    if (DROPPED_ATTRIBUTES.has(name)) continue;
    if (name === "class") {
      const classes = value.split(/\s+/).filter((c) => c && !DROPPED_CLASS.test(c));
      if (classes.length > 0) parts.push(`class="${classes.sort().join(" ")}"`);
    } else parts.push(`${name}="${value}"`);
  }
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

function shapeOf(nodes: AnyNode[], $: cheerio.CheerioAPI, depth: number, out: string[]): void {
  let inline = "";
  const flush = () => {
    const text = inline.trim();
    if (text) out.push(`${"  ".repeat(depth)}${text}`);
    inline = "";
  };
  for (const node of nodes) {
    if (node.type === "text") inline += collapse((node as unknown as { data: string }).data);
    else if (node.type === "comment") inline += `<!--${collapse((node as unknown as { data: string }).data).trim()}-->`;
    else if (node.type === "tag" || node.type === "script" || node.type === "style") {
      const element = node as Element;
      const isCodeBlock = element.name === "pre" || (element.name === "div" && /\bhighlighter-rouge\b/.test(element.attribs.class ?? ""));
      if (isCodeBlock) {
        flush();
        const pre = element.name === "pre" ? $(element) : $(element).find("pre").first();
        out.push(`${"  ".repeat(depth)}<pre>${JSON.stringify(pre.text().replace(/\n+$/, ""))}`);
      } else if (BLOCK.has(element.name)) {
        flush();
        out.push(`${"  ".repeat(depth)}<${element.name}${attributesOf(element)}>`);
        shapeOf(element.children, $, depth + 1, out);
      } else {
        const inner: string[] = [];
        shapeOf(element.children, $, 0, inner);
        inline += `<${element.name}${attributesOf(element)}>${inner.join(" ")}</${element.name}>`;
      }
    }
  }
  flush();
}

/** The shape of `html` (a fragment or a page's body), for comparing two renderings with toBe. */
export function htmlShape(html: string): string {
  const $ = cheerio.load(html);
  const out: string[] = [];
  shapeOf($("body").contents().toArray(), $, 0, out);
  return out.join("\n");
}
