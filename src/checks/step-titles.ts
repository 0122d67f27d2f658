import type MarkdownIt from "markdown-it";
import { isScalar } from "yaml";
import { createMarkdown } from "../markdown/index.ts";
import { finding, type Finding } from "./finding.ts";
import { describeOwner } from "./front-matter.ts";
import type { PageSource, SiteSource } from "./site-source.ts";
import { locationInScalar, locationOfPath, nodeAtPath, type YamlPath } from "./yaml-source.ts";

/**
 * A step's title is rendered inline inside its heading (markdownify_inline), raw HTML and all.
 * A tag it opens and never closes does not end with the heading: `<b>` or `<a>` carries on over
 * the rest of the page, `<textarea>` turns the rest of the page into its text; a closing tag the
 * title did not open (`</div>`) closes the layout's own elements. Either is reported at the title.
 */

/** Elements without content: nothing to close. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements browsers reopen after the heading ends (the HTML standard's formatting elements). */
const FORMATTING = new Set(["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]);
/** Elements whose content browsers read as text up to their closing tag. */
const RAW_TEXT = new Set(["iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"]);
const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/;

export interface UnbalancedTag {
  /** The tag as written: `<b>`, `</div>`. */
  written: string;
  /** Where it is in the title. */
  offset: number;
  /** What is wrong with it, following the tag's name in the message. */
  problem: string;
}

/** The tags of an inline markdown text that open without closing, or close what they did not open. */
export function unbalancedTags(md: MarkdownIt, text: string): UnbalancedTag[] {
  const problems: UnbalancedTag[] = [];
  const open: Array<{ name: string; written: string; offset: number }> = [];
  const unclosed = (tag: { name: string; written: string; offset: number }) => {
    const selfClosing = /\/\s*>$/.test(tag.written) ? ` (HTML ignores the "/" of "${tag.written}")` : "";
    const effect = RAW_TEXT.has(tag.name)
      ? ": browsers read the rest of the page as its text"
      : FORMATTING.has(tag.name)
        ? ": browsers carry it on over the rest of the page"
        : "";
    problems.push({ written: tag.written, offset: tag.offset, problem: `is not closed${selfClosing}${effect}; close it with "</${tag.name}>", or write it in backticks to show the tag` });
  };
  let searchFrom = 0;
  for (const token of md.parseInline(text, {})[0]?.children ?? []) {
    if (token.type !== "html_inline") continue;
    const written = token.content;
    const offset = Math.max(0, text.indexOf(written, searchFrom));
    searchFrom = offset + written.length;
    const match = TAG.exec(written);
    // Comments, declarations and CDATA: markdown-it passes them on only when complete.
    if (!match) continue;
    const name = match[2]!.toLowerCase();
    if (match[1] === "") {
      if (!VOID.has(name)) open.push({ name, written, offset });
      continue;
    }
    const index = open.map((tag) => tag.name).lastIndexOf(name);
    if (index < 0) {
      problems.push({ written, offset, problem: `closes an element the title did not open (browsers may end the page's own <${name}> there); remove it` });
      continue;
    }
    open.splice(index).slice(1).forEach(unclosed);
  }
  open.forEach(unclosed);
  return problems.sort((a, b) => a.offset - b.offset);
}

const STEP_LISTS = ["substeps", "sub-substeps"];

function titleFindings(md: MarkdownIt, page: PageSource, steps: unknown, path: YamlPath): Finding[] {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step: Record<string, unknown> | null, i) => {
    if (!step || typeof step !== "object") return [];
    const stepPath = [...path, i];
    const nested = STEP_LISTS.flatMap((key) => titleFindings(md, page, step[key], [...stepPath, key]));
    const title = step.title;
    if (typeof title !== "string" || !title.includes("<")) return nested;
    const own = unbalancedTags(md, title).map(({ written, offset, problem }) => {
      const source = page.frontMatter!;
      const { value } = nodeAtPath(source, [...stepPath, "title"]);
      const at = isScalar(value) ? locationInScalar(source, value, offset, written) : locationOfPath(source, [...stepPath, "title"]);
      return finding("html", "error", at, `"${written}" in the title of ${describeOwner(stepPath)} ${problem}`);
    });
    return [...own, ...nested];
  });
}

export function checkStepTitles(source: SiteSource): Finding[] {
  let md: MarkdownIt | undefined;
  return source.pages.flatMap((page) => {
    if (!page.frontMatter || page.data?.layout !== "tutorial") return [];
    return titleFindings((md ??= createMarkdown()), page, page.data.steps, ["steps"]);
  });
}
