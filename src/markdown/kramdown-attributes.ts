import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { ALD_ALONE, type AttributeList, HEADER_ID_AT_END, IAL_ALONE, IAL_AT_START, parseAttributeList } from "./attribute-list.ts";

/**
 * kramdown attribute lists:
 * - span IAL right after a link, an image, emphasis or code: `[text](url){:target="new"}`,
 *   `![alt](src){: width="600"}`;
 * - header ids: `## Title {#custom-id}`;
 * - block IAL `{: .note}` on a line of its own: directly after a block (no blank line between)
 *   it applies to that block (for a list or quote, the whole of it, when the line is not indented
 *   into it), else to the block after it;
 * - attribute list definitions `{:name: .class}`, which IALs use by name: `{: name}`.
 * Text that only looks like an attribute list (`{: not valid}`) is left as written.
 */

type References = Map<string, AttributeList>;

export function kramdownAttributes(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_attributes", (state) => {
    const lines = state.src.split("\n");
    const references = collectDefinitions(state);
    applyBlockLists(state, lines, references);
    for (let i = 0; i < state.tokens.length; i++) {
      const token = state.tokens[i]!;
      if (token.type !== "inline" || !token.children) continue;
      const opener = state.tokens[i - 1];
      if (opener?.type === "heading_open") applyHeaderId(opener, token.children, references);
      if (opener?.type === "paragraph_open") {
        applyLeadingBlockList(state.tokens, i - 1, lines, references);
        applyTrailingBlockList(state.tokens, i - 1, lines, references);
      }
      applySpanLists(token.children, references);
    }
  });
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

/** Paragraphs that are only ALD lines define references and disappear. */
function collectDefinitions(state: StateCore): References {
  const references: References = new Map();
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== "paragraph_open" || inline.type !== "inline" || close.type !== "paragraph_close") continue;
    const definitions = inline.content.split("\n").map((line) => ALD_ALONE.exec(line.trim()));
    if (definitions.some((match) => !match)) continue;
    const parsed = definitions.map((match) => [match![1]!, parseAttributeList(match![2]!, references)] as const);
    if (parsed.some(([, attrs]) => !attrs)) continue;
    for (const [name, attrs] of parsed) references.set(name, attrs!);
    tokens.splice(i, 3);
    i--;
  }
  return references;
}

function setAttributes(token: Token, attrs: AttributeList): void {
  for (const [name, value] of attrs) {
    if (name === "class") token.attrJoin("class", value);
    else token.attrSet(name, value);
  }
}

/** A span IAL applies to the element that closed just before it. */
function applySpanLists(children: Token[], references: References): void {
  for (let i = 1; i < children.length; i++) {
    const text = children[i]!;
    const previous = children[i - 1]!;
    const single = previous.type === "code_inline" || previous.type === "image";
    if (text.type !== "text" || (previous.nesting !== -1 && !single)) continue;
    const match = IAL_AT_START.exec(text.content);
    const attrs = match && parseAttributeList(match[1]!, references);
    if (!match || !attrs) continue;
    const target = single ? previous : findOpener(children, i - 1);
    if (!target) continue;
    setAttributes(target, attrs);
    text.content = text.content.slice(match[0].length);
  }
}

function findOpener(children: Token[], closeIndex: number): Token | undefined {
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    depth += children[i]!.nesting;
    if (depth === 0) return children[i];
  }
  return undefined;
}

function applyHeaderId(heading: Token, children: Token[], references: References): void {
  const last = children[children.length - 1];
  if (last?.type !== "text") return;
  const match = HEADER_ID_AT_END.exec(last.content);
  const attrs = match && parseAttributeList(match[1]!, references);
  if (!match || !attrs) return;
  setAttributes(heading, attrs);
  last.content = last.content.slice(0, match.index);
}

/**
 * `{: .class}\nParagraph text`: the IAL on a paragraph's first line applies to the block directly
 * before it, or else to the paragraph.
 */
function applyLeadingBlockList(tokens: Token[], index: number, lines: string[], references: References): void {
  const paragraph = tokens[index]!;
  const children = tokens[index + 1]!.children!;
  const [first, breakAfter] = children;
  if (first?.type !== "text" || breakAfter?.type !== "softbreak") return;
  const match = IAL_ALONE.exec(first.content.trim());
  const attrs = match && parseAttributeList(match[1]!, references);
  if (!attrs) return;
  const start = paragraph.map?.[0];
  const previous = start !== undefined && !isBlank(lines[start - 1]) ? blockOpenerBefore(tokens, index) : undefined;
  setAttributes(previous ?? paragraph, attrs);
  children.splice(0, 2);
}

/**
 * `Paragraph text\n{: .class}`: the IAL on the paragraph's last line applies to the paragraph;
 * or, when the line is not indented into the list or quote the paragraph is in (a lazy line), to
 * the whole list or quote, as kramdown ends them there.
 */
function applyTrailingBlockList(tokens: Token[], index: number, lines: string[], references: References): void {
  const paragraph = tokens[index]!;
  const children = tokens[index + 1]!.children!;
  const last = children[children.length - 1];
  const breakBefore = children[children.length - 2];
  if (last?.type !== "text" || breakBefore?.type !== "softbreak") return;
  const match = IAL_ALONE.exec(last.content.trim());
  const attrs = match && parseAttributeList(match[1]!, references);
  if (!attrs) return;
  const end = paragraph.map?.[1];
  const lazy = paragraph.level > 0 && end !== undefined && lines[end - 1]?.startsWith("{:");
  setAttributes((lazy && outermostContainer(tokens, index)) || paragraph, attrs);
  children.splice(children.length - 2, 2);
}

function outermostContainer(tokens: Token[], index: number): Token | undefined {
  for (let i = index - 1; i >= 0; i--) if (tokens[i]!.level === 0 && tokens[i]!.nesting === 1) return tokens[i];
  return undefined;
}

/**
 * A paragraph that is only `{: ...}` applies to the block directly before it (no blank line
 * between) or else to the block after it, and disappears. With neither it stays, as text.
 */
function applyBlockLists(state: StateCore, lines: string[], references: References): void {
  const tokens = state.tokens;
  for (let i = tokens.length - 3; i >= 0; i--) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== "paragraph_open" || inline.type !== "inline" || close.type !== "paragraph_close") continue;
    const match = IAL_ALONE.exec(inline.content.trim());
    const attrs = match && parseAttributeList(match[1]!, references);
    if (!attrs) continue;
    const start = open.map?.[0];
    const directlyAfter = start !== undefined && !isBlank(lines[start - 1]);
    const next = tokens[i + 3];
    const target = directlyAfter ? blockOpenerBefore(tokens, i) : next && next.level === open.level && next.nesting >= 0 ? next : undefined;
    if (!target) continue;
    setAttributes(target, attrs);
    tokens.splice(i, 3);
  }
}

function blockOpenerBefore(tokens: Token[], index: number): Token | undefined {
  const previous = tokens[index - 1];
  if (!previous) return undefined;
  if (previous.nesting === 0) return previous; // fence, code_block, hr, html_block
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return tokens[i];
  }
  return undefined;
}
