import type MarkdownIt from "markdown-it";
import list from "markdown-it/lib/rules_block/list.mjs";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";

/**
 * kramdown's list and strikethrough markup: an ordered list's marker is a number and a dot only
 * (`1)` starts no list, so its lines are paragraph text, as Jekyll shows them), and `~~struck~~`
 * is `<del>`, where markdown-it writes `<s>`.
 */

const PAREN_MARKER = /^\d{1,9}\)/;

function kramdownList(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (PAREN_MARKER.test(state.src.slice(start, start + 11))) return false;
  return list(state, startLine, endLine, silent);
}

export function kramdownListMarkers(md: MarkdownIt): void {
  md.block.ruler.at("list", kramdownList, { alt: ["paragraph", "reference", "blockquote"] });
  md.core.ruler.push("kramdown_strikethrough", (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) if (token.type === "s_open" || token.type === "s_close") token.tag = "del";
    }
  });
}
