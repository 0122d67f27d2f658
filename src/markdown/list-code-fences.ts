import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

/**
 * Fenced code in a list item keeps its indentation as kramdown keeps it: kramdown takes the
 * item's indentation off each line (a leading tab counting as 4 spaces) and nothing more, so a
 * fence indented past the item's text keeps that extra indentation in every code line, where
 * CommonMark would take it off. Fences inside quotes are left as markdown-it reads them.
 */

const MARKER = /^( *)([-+*]|\d{1,9}[.)])( *)/;

const expandLeadingTabs = (line: string) => line.replace(/^\t+/, (tabs) => " ".repeat(4 * tabs.length));

/** The column the item's text starts at, from its first line. */
function contentColumn(line: string): number | undefined {
  const match = MARKER.exec(expandLeadingTabs(line));
  if (!match) return undefined;
  const spaces = match[3]!.length;
  return match[1]!.length + match[2]!.length + (spaces >= 1 && spaces <= 4 ? spaces : 1);
}

function kramdownFenceContent(lines: string[], fence: Token, column: number): string | undefined {
  const [start, end] = fence.map!;
  const opening = expandLeadingTabs(lines[start] ?? "");
  const fenceIndent = /^ */.exec(opening)![0].length - column;
  if (fenceIndent <= 0) return undefined;
  const closing = (lines[end - 1] ?? "").trim();
  const closed = end - 1 > start && closing.startsWith(fence.markup) && /^([`~])\1*$/.test(closing);
  const body = lines.slice(start + 1, closed ? end - 1 : end);
  return body.map((line) => expandLeadingTabs(line).replace(new RegExp(`^ {0,${column}}`), "")).join("\n") + (body.length > 0 ? "\n" : "");
}

function keepFenceIndentation(state: StateCore): void {
  const lines = state.src.split("\n");
  const open: Token[] = [];
  for (const token of state.tokens) {
    if (token.nesting === 1) open.push(token);
    else if (token.nesting === -1) open.pop();
    else if (token.type === "fence" && token.map && !open.some((opener) => opener.type === "blockquote_open")) {
      const item = [...open].reverse().find((opener) => opener.type === "list_item_open");
      const column = item?.map ? contentColumn(lines[item.map[0]] ?? "") : undefined;
      if (column === undefined) continue;
      const content = kramdownFenceContent(lines, token, column);
      if (content !== undefined) token.content = content;
    }
  }
}

export function kramdownListCodeFences(md: MarkdownIt): void {
  md.core.ruler.after("block", "kramdown_list_code_fences", keepFenceIndentation);
}
