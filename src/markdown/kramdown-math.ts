import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

/**
 * kramdown's math, as Jekyll's default math engine (MathJax) writes it: `$$...$$` inside text is
 * `\(...\)`, and a block that is nothing but `$$...$$` (from a block boundary to the next: a blank
 * line or the end) is `\[...\]` on its own, the content trimmed and HTML-escaped. A single `$`
 * stays text. The page needs MathJax to show it typeset; without it the reader sees the TeX.
 */

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (!state.src.startsWith("$$", start)) return false;
  // The block runs to the next blank line (or the end of this container); it must close there.
  let last = startLine;
  while (last + 1 < endLine && !state.isEmpty(last + 1)) last++;
  const text = state.src.slice(start, state.eMarks[last]);
  const close = text.indexOf("$$", 2);
  if (close < 0 || text.slice(close + 2).trim() !== "") return false;
  if (silent) return true;
  const token = state.push("html_block", "", 0);
  token.content = `\\[${state.md.utils.escapeHtml(text.slice(2, close).trim())}\\]\n`;
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith("$$", state.pos)) return false;
  const close = state.src.indexOf("$$", state.pos + 2);
  if (close < 0) return false;
  if (!silent) state.push("html_inline", "", 0).content = `\\(${state.md.utils.escapeHtml(state.src.slice(state.pos + 2, close).trim())}\\)`;
  state.pos = close + 2;
  return true;
}

export function kramdownMath(md: MarkdownIt): void {
  md.block.ruler.before("paragraph", "kramdown_math_block", mathBlock);
  md.inline.ruler.before("escape", "kramdown_math", mathInline);
}
