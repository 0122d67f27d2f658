import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { createMarkdown } from "../../markdown/index.ts";
import type { SourcePage } from "../../model/site-model.ts";
import { isScalar, locationInScalar, locationOfPath, nodeAtPath, type YamlPath } from "../../model/yaml-positions.ts";
import { type Finding, finding, type Location } from "../finding.ts";
import { describeOwner } from "./front-matter.ts";

/**
 * Raw HTML that a field opens and never closes, or closes without opening, does not end with the
 * field. In a step's title (rendered inline in its heading) `<b>` or `<a>` carries on over the
 * rest of the page and `<textarea>` turns it into its text; in a step's content, an unclosed
 * `<details>` folds every later step away, and a stray `</div>` or `</section>` closes the
 * layout's own elements. Each is reported where the author wrote the tag.
 */

/** Elements without content: nothing to close. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose end tag HTML lets the next element imply: leaving it out harms nothing. */
const OPTIONAL_END = new Set(["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rp", "rt"]);
/** Elements browsers reopen after the heading ends (the HTML standard's formatting elements). */
const FORMATTING = new Set(["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]);
/** Elements whose content browsers read as text up to their closing tag. */
const RAW_TEXT = new Set(["iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"]);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
/** Liquid that decides which of its HTML is output: its tags can't be paired from the source. */
const BRANCHING_LIQUID = /\{%-?\s*(?:if|unless|case|for|tablerow)\b/;

export interface UnbalancedTag {
  /** The tag as written: `<b>`, `</div>`. */
  written: string;
  /** Where it is in the text. */
  offset: number;
  /** What is wrong with it, following the tag's name in the message. */
  problem: string;
}

/** The raw HTML tags of markdown text, in order, with their offsets: from markdown-it's own reading. */
function htmlTags(md: MarkdownIt, text: string, inline: boolean): Array<{ written: string; offset: number; closing: boolean; name: string }> {
  const tags: Array<{ written: string; offset: number; closing: boolean; name: string }> = [];
  let searchFrom = 0;
  const add = (html: string) => {
    for (const match of html.matchAll(TAG)) {
      const offset = text.indexOf(match[0], searchFrom);
      if (offset < 0) continue;
      searchFrom = offset + match[0].length;
      tags.push({ written: match[0], offset, closing: match[1] === "/", name: match[2]!.toLowerCase() });
    }
  };
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      // Comments, declarations and CDATA: markdown-it passes them on only when complete.
      if (token.type === "html_block" || token.type === "html_inline") add(token.content.replace(/<!--[\s\S]*?-->/g, (comment) => " ".repeat(comment.length)));
      if (token.children) visit(token.children);
    }
  };
  visit(inline ? md.parseInline(text, {}) : md.parse(text, {}));
  return tags;
}

/** The tags of a markdown text that open without closing, or close what they did not open. */
export function unbalancedTags(md: MarkdownIt, text: string, { inline = true, what = "the title" } = {}): UnbalancedTag[] {
  const problems: UnbalancedTag[] = [];
  const open: Array<{ name: string; written: string; offset: number }> = [];
  const unclosed = (tag: { name: string; written: string; offset: number }) => {
    if (!inline && OPTIONAL_END.has(tag.name)) return;
    const selfClosing = /\/\s*>$/.test(tag.written) ? ` (HTML ignores the "/" of "${tag.written}")` : "";
    const effect = RAW_TEXT.has(tag.name)
      ? ": browsers read the rest of the page as its text"
      : FORMATTING.has(tag.name) || inline
        ? ": browsers carry it on over the rest of the page"
        : ": the rest of the page ends up inside it";
    problems.push({
      written: tag.written,
      offset: tag.offset,
      problem: `is not closed${selfClosing}${effect}; close it with "</${tag.name}>", or write it in backticks to show the tag`,
    });
  };
  for (const tag of htmlTags(md, text, inline)) {
    if (!tag.closing) {
      // In SVG and MathML (foreign content) `/>` does close an element, as in XML.
      const foreign = open.some((candidate) => candidate.name === "svg" || candidate.name === "math");
      if (!VOID.has(tag.name) && !(foreign && /\/\s*>$/.test(tag.written))) open.push(tag);
      continue;
    }
    const index = open.map((candidate) => candidate.name).lastIndexOf(tag.name);
    if (index < 0) {
      if (VOID.has(tag.name) || (!inline && OPTIONAL_END.has(tag.name))) continue;
      problems.push({
        written: tag.written,
        offset: tag.offset,
        problem: `closes an element ${what} did not open (browsers may end the page's own <${tag.name}> there); remove it`,
      });
      continue;
    }
    open.splice(index).slice(1).forEach(unclosed);
  }
  open.forEach(unclosed);
  return problems.sort((a, b) => a.offset - b.offset);
}

/** A markdown field of the front matter: where it is, what the page calls it, how it renders. */
interface Field {
  path: YamlPath;
  /** "the title of step 2", "the content of step 2.1", "the intro". */
  what: string;
  inline: boolean;
}

const STEP_LISTS = ["substeps", "sub-substeps"];

function stepFields(steps: unknown, path: YamlPath): Field[] {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step: Record<string, unknown> | null, i) => {
    if (!step || typeof step !== "object") return [];
    const stepPath = [...path, i];
    const owner = describeOwner(stepPath);
    return [
      { path: [...stepPath, "title"], what: `the title of ${owner}`, inline: true },
      { path: [...stepPath, "content"], what: `the content of ${owner}`, inline: false },
      ...STEP_LISTS.flatMap((key) => stepFields(step[key], [...stepPath, key])),
    ];
  });
}

function tutorialFields(data: Record<string, unknown>): Field[] {
  const requirements = Array.isArray(data.requirements) ? data.requirements : [];
  return [
    { path: ["intro"], what: "the intro", inline: false },
    ...requirements.map((_, i) => ({ path: ["requirements", i, "item"], what: `requirement ${i + 1}`, inline: false })),
    { path: ["requirements-info"], what: "the requirements' info", inline: false },
    ...stepFields(data.steps, ["steps"]),
    { path: ["next-steps"], what: "the next steps", inline: false },
  ];
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) current = current !== null && typeof current === "object" ? (current as Record<string | number, unknown>)[segment] : undefined;
  return current;
}

function fieldFindings(md: MarkdownIt, page: SourcePage, field: Field): Finding[] {
  const text = valueAt(page.data, field.path);
  if (typeof text !== "string" || !text.includes("<") || BRANCHING_LIQUID.test(text)) return [];
  return unbalancedTags(md, text, { inline: field.inline, what: field.inline ? "the title" : "the field" }).map(({ written, offset, problem }) => {
    const source = page.frontMatter!;
    const { value } = nodeAtPath(source, field.path);
    const at = isScalar(value) ? locationInScalar(source, value, offset, written) : locationOfPath(source, field.path);
    return finding("html", "error", at, `"${written}" in ${field.what} ${problem}`);
  });
}

function bodyFindings(md: MarkdownIt, page: SourcePage): Finding[] {
  if (!page.body.includes("<") || BRANCHING_LIQUID.test(page.body)) return [];
  return unbalancedTags(md, page.body, { inline: false, what: "the text" }).map(({ written, offset, problem }) => {
    const before = page.body.slice(0, offset);
    const at: Location = { file: page.file, line: page.bodyStartLine + before.split("\n").length - 1, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
    return finding("html", "error", at, `"${written}" in the page's text ${problem}`);
  });
}

/** `pages`: the site's pages as they render (a page with a misspelt layout as its checking copy, render-plan.ts). */
export function checkUnbalancedHtml(pages: readonly SourcePage[]): Finding[] {
  let md: MarkdownIt | undefined;
  return pages.flatMap((page) => {
    if (!page.data) return [];
    md ??= createMarkdown();
    const fields = page.frontMatter && page.data.layout === "tutorial" ? tutorialFields(page.data) : [];
    return [...fields.flatMap((field) => fieldFindings(md!, page, field)), ...bodyFindings(md, page)];
  });
}
