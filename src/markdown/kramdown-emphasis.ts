import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

/**
 * `***both***` is `<strong><em>` in kramdown, `<em><strong>` in markdown-it: where emphasis
 * wraps exactly a strong span, the two are swapped, so the site's CSS (`strong > em`) and the
 * page's outline read as Jekyll's.
 */

/** The index of the `strong_close` that closes the `strong_open` at `open`. */
function strongClose(children: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < children.length; j++) {
    if (children[j]!.type === "strong_open") depth++;
    else if (children[j]!.type === "strong_close" && --depth === 0) return j;
  }
  return -1;
}

function swap(children: Token[], a: number, b: number): void {
  [children[a], children[b]] = [children[b]!, children[a]!];
}

function strongOutside(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children?.some((token) => token.type === "em_open")) continue;
    // The delimiters leave empty text tokens between the markers.
    const children = block.children.filter((token) => token.type !== "text" || token.content !== "");
    block.children = children;
    for (let i = 0; i + 1 < children.length; i++) {
      if (children[i]!.type !== "em_open" || children[i + 1]!.type !== "strong_open") continue;
      const close = strongClose(children, i + 1);
      if (close < 0 || children[close + 1]?.type !== "em_close") continue;
      swap(children, i, i + 1);
      swap(children, close, close + 1);
    }
  }
}

export function kramdownEmphasis(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_emphasis", strongOutside);
}
