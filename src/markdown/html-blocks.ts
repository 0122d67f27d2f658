import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { closingTags, elementEnd, type HtmlTag, nextTag } from "./html-tags.ts";

/**
 * HTML blocks as kramdown reads them: a line starting (after up to 3 spaces) with a tag that is not
 * a span-level one opens an element that runs to its matching closing tag, blank lines and
 * indented lines included (CommonMark would end it at the first blank line and make the next
 * indented line a code block). Its content stays HTML, except inside an element with a
 * `markdown` attribute: `markdown="1"` parses the content as its element's content model says
 * (`<div>` as blocks, `<p>` as a paragraph's text), `"block"` and `"span"` say it directly, `"0"`
 * keeps it HTML; with kramdown's `parse_block_html`, every element is read as if it said
 * `markdown="1"`. An element with no closing tag is left to markdown-it's own HTML block rule.
 */

export interface HtmlBlockOptions {
  /** Tags that start a paragraph, not an HTML block, at the start of a line (kramdown's span elements). */
  spanElements: string[];
  /** Elements whose `markdown="1"` content is parsed as blocks; others are parsed as text. */
  blockContentElements: string[];
  /** Elements whose content is never markdown (kramdown's raw content model). */
  rawContentElements: string[];
  /** kramdown's `parse_block_html`: every element's content is read as if it said `markdown="1"`. */
  parseBlockHtml: boolean;
}

export const defaultHtmlBlockOptions: HtmlBlockOptions = {
  spanElements:
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split(
      " ",
    ),
  blockContentElements:
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td".split(
      " ",
    ),
  rawContentElements: "script style math option textarea pre code kbd samp var colgroup table tbody thead tfoot tr ul ol".split(" "),
  parseBlockHtml: false,
};

const BLOCK_START = /^ {0,3}<([A-Za-z][\w:-]*)/;

type ContentModel = "block" | "span" | "raw";

function contentModel(tag: HtmlTag, options: HtmlBlockOptions): ContentModel | undefined {
  const value = tag.attributes.get("markdown") ?? (options.parseBlockHtml ? "1" : undefined);
  if (value === undefined) return undefined;
  if (value === "block" || value === "span") return value;
  if (value !== "1") return "raw";
  if (options.rawContentElements.includes(tag.name)) return "raw";
  return options.blockContentElements.includes(tag.name) ? "block" : "span";
}

/** Pushes tokens for `html` (raw HTML that may hold elements with a `markdown` attribute) starting at `line`. */
function pushHtml(state: StateBlock, html: string, line: number, options: HtmlBlockOptions): void {
  let rawStart = 0;
  let position = 0;
  const pushRaw = (end: number) => {
    const text = html.slice(rawStart, end);
    if (text.trim() === "") return;
    const token = state.push("html_block", "", 0);
    token.content = text.endsWith("\n") ? text : `${text}\n`;
  };
  // No element can have a `markdown` attribute: the block is raw HTML, with no scan of its tags
  // (a listing's block of 500 items was the markdown stage's largest cost).
  const scan = options.parseBlockHtml || /markdown/i.test(html);
  for (let tag = scan ? nextTag(html, position) : undefined; tag; tag = nextTag(html, position)) {
    position = tag.end;
    const model = tag.closing ? undefined : contentModel(tag, options);
    if (model === undefined) continue;
    const end = elementEnd(html, tag);
    if (!end) continue;
    pushRaw(tag.start);
    const open = state.push("html_block", "", 0);
    open.content = `${html.slice(tag.start, tag.end).replace(/\s+markdown\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>/]+)/, "")}\n`;
    const inner = html.slice(tag.end, end.closeStart);
    const innerLine = line + countLines(html.slice(0, tag.end));
    if (model === "block") pushBlocks(state, inner.replace(/^[ \t]*\n/, ""), innerLine + (/^[ \t]*\n/.test(inner) ? 1 : 0));
    else if (model === "span") pushInline(state, inner.trim(), innerLine);
    const close = state.push("html_block", "", 0);
    close.content = `${model === "raw" ? inner : ""}${html.slice(end.closeStart, end.closeEnd)}\n`;
    rawStart = position = end.closeEnd;
  }
  pushRaw(html.length);
}

const countLines = (text: string) => text.split("\n").length - 1;

/** Markdown blocks parsed from `text` into the same token stream, their line maps in the outer source. */
function pushBlocks(state: StateBlock, text: string, line: number): void {
  const start = state.tokens.length;
  state.md.block.parse(text, state.md, state.env, state.tokens);
  for (const token of state.tokens.slice(start) as Token[]) {
    if (token.map) token.map = [token.map[0] + line, token.map[1] + line];
  }
}

function pushInline(state: StateBlock, text: string, line: number): void {
  const token = state.push("inline", "", 0);
  token.content = text;
  token.map = [line, line + 1];
  token.children = [];
}

// The closing tags of the source being parsed (one source at a time: parsing is synchronous).
let closings: { src: string; closes: ReturnType<typeof closingTags> } | undefined;
const closingTagsOf = (src: string) => {
  if (closings?.src !== src) closings = { src, closes: closingTags(src) };
  return closings.closes;
};

export function kramdownHtmlBlocks(md: MarkdownIt, overrides: Partial<HtmlBlockOptions> = {}): void {
  const options = { ...defaultHtmlBlockOptions, ...overrides };
  md.block.ruler.before(
    "html_block",
    "kramdown_html_block",
    (state, startLine, endLine, silent) => {
      if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
      const from = state.bMarks[startLine]! + state.tShift[startLine]!;
      const firstLine = state.src.slice(state.bMarks[startLine]!, state.eMarks[startLine]);
      const name = BLOCK_START.exec(firstLine)?.[1]?.toLowerCase();
      if (!name || options.spanElements.includes(name)) return false;
      const close = closingTagsOf(state.src).get(from);
      if (!close || close.closeEnd > state.eMarks[endLine - 1]!) return false;
      const html = state.src.slice(from, close.closeEnd);
      // The block takes the whole line its element closes on.
      const nextLine = startLine + 1 + countLines(html);
      if (silent) return true;
      const text = state.src.slice(from, state.eMarks[nextLine - 1]);
      const first = state.tokens.length;
      pushHtml(state, text, startLine, options);
      const firstToken = state.tokens[first];
      if (firstToken && !firstToken.map) firstToken.map = [startLine, nextLine];
      state.line = nextLine;
      return true;
    },
    { alt: ["paragraph", "reference", "blockquote"] },
  );
}
