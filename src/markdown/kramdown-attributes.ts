import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { type AttributeList, HEADER_ID_AT_END, IAL_ALONE, IAL_AT_START, parseAttributeList } from "./attribute-list.ts";

/**
 * kramdown attribute lists, as the tutorials use them:
 * - span IAL right after a link, emphasis or code: `[text](url){:target="new"}`;
 * - header ids: `## Title {#custom-id}`;
 * - block IAL on the line after a paragraph or on a line of its own after any block: `{: .note}`.
 * Text that only looks like an attribute list (`{: not valid}`) is left as written.
 */
export function kramdownAttributes(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_attributes", (state) => {
    applyBlockLists(state);
    for (let i = 0; i < state.tokens.length; i++) {
      const token = state.tokens[i]!;
      if (token.type !== "inline" || !token.children) continue;
      const opener = state.tokens[i - 1];
      if (opener?.type === "heading_open") applyHeaderId(opener, token.children);
      if (opener?.type === "paragraph_open") applyTrailingBlockList(opener, token);
      applySpanLists(token.children);
    }
  });
}

function setAttributes(token: Token, attrs: AttributeList): void {
  for (const [name, value] of attrs) {
    if (name === "class") token.attrJoin("class", value);
    else token.attrSet(name, value);
  }
}

/** A span IAL applies to the element that closed just before it. */
function applySpanLists(children: Token[]): void {
  for (let i = 1; i < children.length; i++) {
    const text = children[i]!;
    const previous = children[i - 1]!;
    if (text.type !== "text" || (previous.nesting !== -1 && previous.type !== "code_inline")) continue;
    const match = IAL_AT_START.exec(text.content);
    const attrs = match && parseAttributeList(match[1]!);
    if (!match || !attrs) continue;
    const target = previous.type === "code_inline" ? previous : findOpener(children, i - 1);
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

function applyHeaderId(heading: Token, children: Token[]): void {
  const last = children[children.length - 1];
  if (last?.type !== "text") return;
  const match = HEADER_ID_AT_END.exec(last.content);
  const attrs = match && parseAttributeList(match[1]!);
  if (!match || !attrs) return;
  setAttributes(heading, attrs);
  last.content = last.content.slice(0, match.index);
}

/** `Paragraph text\n{: .class}`: the IAL on the paragraph's last line applies to the paragraph. */
function applyTrailingBlockList(paragraph: Token, inline: Token): void {
  const children = inline.children!;
  const last = children[children.length - 1];
  const breakBefore = children[children.length - 2];
  if (last?.type !== "text" || breakBefore?.type !== "softbreak") return;
  const match = IAL_ALONE.exec(last.content.trim());
  const attrs = match && parseAttributeList(match[1]!);
  if (!attrs) return;
  setAttributes(paragraph, attrs);
  children.splice(children.length - 2, 2);
}

/** A paragraph that is only `{: ...}` applies to the block before it and disappears. */
function applyBlockLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = tokens.length - 3; i >= 1; i--) {
    const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== "paragraph_open" || inline.type !== "inline" || close.type !== "paragraph_close") continue;
    const match = IAL_ALONE.exec(inline.content.trim());
    const attrs = match && parseAttributeList(match[1]!);
    if (!attrs) continue;
    const target = blockOpenerBefore(tokens, i);
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
