import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

/**
 * Whether a list item's text is a `<p>`, decided per item as kramdown decides it (CommonMark
 * decides for the whole list): an item's first paragraph is bare unless a blank line follows it
 * inside the item, and the last item's is bare only if an earlier item's is too (or the list has
 * one item). So `- a\n- b\n\n- c` gives `<li>a</li><li><p>b</p></li><li>c</li>`. Any other
 * paragraph of an item is always a `<p>`. A change of bullet marker does not start a new list.
 * An ordered list counts from 1 whatever its first number (kramdown writes no `start`).
 */

interface Item {
  /** The item's first block, when it is a paragraph: its opening token's index. */
  paragraph?: number;
  /** Indexes of the item's other paragraphs' opening tokens. */
  otherParagraphs: number[];
  blocks: number;
  bare: boolean;
}

const isBlank = (line: string | undefined) => line !== undefined && line.trim() === "";

function itemsOf(tokens: Token[], listOpen: number): Item[] {
  const items: Item[] = [];
  const level = tokens[listOpen]!.level;
  for (let i = listOpen + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level === level && token.nesting === -1) break;
    if (token.type === "list_item_open" && token.level === level + 1) items.push({ otherParagraphs: [], blocks: 0, bare: false });
    const item = items[items.length - 1];
    if (!item || token.level !== level + 2 || token.nesting === -1) continue;
    item.blocks++;
    if (token.type !== "paragraph_open") continue;
    if (item.blocks === 1) item.paragraph = i;
    else item.otherParagraphs.push(i);
  }
  return items;
}

function closerOf(tokens: Token[], open: number): Token {
  const level = tokens[open]!.level;
  for (let i = open + 1; i < tokens.length; i++) if (tokens[i]!.level === level && tokens[i]!.nesting === -1) return tokens[i]!;
  return tokens[open]!;
}

function setHidden(tokens: Token[], open: number, hidden: boolean): void {
  tokens[open]!.hidden = hidden;
  closerOf(tokens, open).hidden = hidden;
}

/**
 * A bullet list whose marker changes (`*` then `+` or `-`) is one list to kramdown; CommonMark
 * starts a new list at each change, so markdown-it's lists that meet with nothing between them
 * are joined back into one.
 */
function joinBulletLists(tokens: Token[]): void {
  for (let i = tokens.length - 2; i > 0; i--) {
    const [close, open] = [tokens[i]!, tokens[i + 1]!];
    if (close.type !== "bullet_list_close" || open.type !== "bullet_list_open" || close.level !== open.level) continue;
    const first = openerOf(tokens, i);
    if (first?.map && open.map) first.map = [first.map[0], Math.max(first.map[1], open.map[1])];
    tokens.splice(i, 2);
  }
}

function openerOf(tokens: Token[], close: number): Token | undefined {
  const level = tokens[close]!.level;
  for (let i = close - 1; i >= 0; i--) if (tokens[i]!.level === level && tokens[i]!.nesting === 1) return tokens[i];
  return undefined;
}

function applyLooseness(state: StateCore): void {
  const lines = state.src.split("\n");
  const tokens = state.tokens;
  joinBulletLists(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.type;
    if (type !== "bullet_list_open" && type !== "ordered_list_open") continue;
    const items = itemsOf(tokens, i);
    items.forEach((item, index) => {
      const last = index === items.length - 1;
      if (item.paragraph !== undefined) {
        const map = tokens[item.paragraph]!.map;
        const blankAfter = map !== null && isBlank(lines[map[1]]);
        const firstRule = !blankAfter || (last && item.blocks === 1);
        const lastRule = !last || items.length === 1 || items.slice(0, -1).some((earlier) => earlier.paragraph === undefined || earlier.bare);
        item.bare = firstRule && lastRule;
        setHidden(tokens, item.paragraph, item.bare);
      }
      for (const open of item.otherParagraphs) setHidden(tokens, open, false);
    });
  }
}

function countFromOne(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type === "ordered_list_open" && token.attrs) token.attrs = token.attrs.filter(([name]) => name !== "start");
  }
}

export function kramdownListLooseness(md: MarkdownIt): void {
  md.core.ruler.after("block", "kramdown_list_looseness", applyLooseness);
  md.core.ruler.after("block", "kramdown_list_numbers", countFromOne);
  // Code right after an item's bare text starts on a line of its own, as markdown-it's renderer
  // starts every other block there (`<li>Run:\n<pre>`): the text and the code are two words.
  for (const rule of ["fence", "code_block"] as const) {
    const render = md.renderer.rules[rule]!;
    md.renderer.rules[rule] = (tokens, index, options, env, self) => (tokens[index - 1]?.hidden ? "\n" : "") + render(tokens, index, options, env, self);
  }
}
