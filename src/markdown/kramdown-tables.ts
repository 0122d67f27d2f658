import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { IAL_ALONE } from "./attribute-list.ts";

/**
 * Where kramdown sees no table in what GFM reads as one, its lines are a paragraph of their text
 * (made before inline parsing, so the text gets kramdown's typography):
 * - a header alone (no row under its `|---|` line), where GFM makes a table with no body;
 * - a table with a line without `|` among its rows: every table line needs one, and kramdown's
 *   table must end at a block boundary (a blank line, an attribute list, the end), so the lines
 *   are one paragraph with the text after them; `{: .class}` right under the last row ends the
 *   table there and applies to it (kramdown-attributes.ts), and what follows it is read anew;
 * - a table right under a paragraph's last line (kramdown's table must start at a block
 *   boundary too): its lines go on the paragraph, where GFM lets a table interrupt it.
 */

/** The tokens from `open` (a table_open) to its table_close. */
function tableEnd(tokens: Token[], open: number): number {
  let close = open + 1;
  while (close < tokens.length && !(tokens[close]!.type === "table_close" && tokens[close]!.level === tokens[open]!.level)) close++;
  return close;
}

function paragraphOf(state: StateCore, lines: string[], map: [number, number], level: number): Token[] {
  const open = new state.Token("paragraph_open", "p", 1);
  open.map = map;
  open.level = level;
  const inline = new state.Token("inline", "", 0);
  inline.content = lines
    .slice(map[0], map[1])
    .map((line) => line.trim())
    .join("\n");
  inline.map = map;
  inline.level = level + 1;
  inline.children = [];
  const close = new state.Token("paragraph_close", "p", -1);
  close.level = level;
  return [open, inline, close];
}

/** Lines [from, to) read as blocks of their own, placed at `level`. */
function blocksOf(state: StateCore, lines: string[], from: number, to: number, level: number): Token[] {
  const tokens: Token[] = [];
  state.md.block.parse(lines.slice(from, to).join("\n"), state.md, state.env, tokens);
  for (const token of tokens) {
    token.level += level;
    if (token.map) token.map = [token.map[0] + from, token.map[1] + from];
  }
  return tokens;
}

const hasPipe = (line: string) => /(^|[^\\])\|/.test(line);

/**
 * A `|` inside a code span is code to kramdown, a cell border to GFM (`` `a|b` `` is one cell to
 * Jekyll): a row with code spans gets its cells again, split where kramdown splits them, with
 * `\|` left as written for the inline parser (text unescapes it, code keeps it, as in kramdown).
 */
function cellsAroundCode(tokens: Token[], open: number, close: number, lines: string[]): void {
  for (let i = open; i < close; i++) {
    const row = tokens[i]!;
    if (row.type !== "tr_open" || !row.map) continue;
    const line = lines[row.map[0]]?.replace(/^(\s*>)*\s*/, "") ?? "";
    if (!line.includes("`")) continue;
    const cells = cellsOf(line, cellBreaks(line));
    let cell = 0;
    for (let j = i + 1; j < close && tokens[j]!.type !== "tr_close"; j++) {
      if (tokens[j]!.type === "inline") tokens[j]!.content = cells[cell++] ?? "";
    }
  }
}

function tablesAsKramdownReadsThem(state: StateCore): void {
  const lines = state.src.split("\n");
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== "table_open" || !open.map) continue;
    const close = tableEnd(tokens, i);
    if (close >= tokens.length) continue;
    cellsAroundCode(tokens, i, close, lines);
    const [start, end] = open.map;
    const rowless = !tokens.slice(i, close).some((token) => token.type === "tbody_open");
    const pipeless = lines.slice(start + 2, end).findIndex((line) => !hasPipe(line));
    const stop = pipeless < 0 ? -1 : start + 2 + pipeless;
    if (stop >= 0 && open.level === 0 && IAL_ALONE.test(lines[stop]!.trim()) && stop > start + 2) {
      // The rows from the attribute list's line on (up to tbody_close) are not the table's.
      const bodyClose = close - 1;
      const firstRow = tokens.findIndex((token, at) => at > i && at < bodyClose && token.type === "tr_open" && (token.map?.[0] ?? 0) >= stop);
      if (firstRow >= 0) tokens.splice(firstRow, bodyClose - firstRow);
      open.map = [start, stop];
      tokens.splice(tableEnd(tokens, i) + 1, 0, ...blocksOf(state, lines, stop, end, open.level));
      continue;
    }
    const previous = tokens[i - 1];
    const paragraphAbove = previous?.type === "paragraph_close" && tokens[i - 2]?.type === "inline" && tokens[i - 2]!.map?.[1] === start;
    if (paragraphAbove) {
      const inline = tokens[i - 2]!;
      const map: [number, number] = [inline.map![0], end];
      tokens.splice(i - 3, close - i + 4, ...paragraphOf(state, lines, map, open.level));
      i -= 3;
      continue;
    }
    if (rowless || stop >= 0) tokens.splice(i, close - i + 1, ...paragraphOf(state, lines, [start, end], open.level));
  }
}

/** Where a line's cells are split: its `|`s outside code spans, and not escaped. */
function cellBreaks(line: string): number[] {
  const breaks: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "\\") i++;
    else if (char === "|") breaks.push(i);
    else if (char === "`") {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close >= 0) i = close + run.length - 1;
      else i += run.length - 1;
    }
  }
  return breaks;
}

const SEPARATOR_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** A row's cells: the text between its breaks, a leading and a trailing `|` being optional. */
function cellsOf(line: string, breaks: number[]): string[] {
  const bounds = [-1, ...breaks, line.length];
  const cells = bounds.slice(0, -1).map((start, i) => line.slice(start + 1, bounds[i + 1]).trim());
  if (line.trim().startsWith("|")) cells.shift();
  if (line.trim().endsWith("|") && !line.trimEnd().endsWith("\\|")) cells.pop();
  return cells;
}

/**
 * kramdown's table without a header: lines that each hold a `|` (outside code), starting at a
 * block boundary and ending at one (a blank line, an attribute list, the end), are the rows of
 * a table (`Ports: 80 | 443` is a one-row table to kramdown). GFM needs a `|---|` row; lines
 * with one are left to markdown-it's table rule.
 */
function headerlessTable(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const lineOf = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  let next = startLine;
  while (next < endLine && !state.isEmpty(next) && state.sCount[next]! - state.blkIndent < 4 && cellBreaks(lineOf(next)).length > 0) next++;
  if (next === startLine) return false;
  const rows = Array.from({ length: next - startLine }, (_, i) => lineOf(startLine + i));
  if (rows.some((row) => SEPARATOR_ROW.test(row))) return false;
  // The table must end at a block boundary, or kramdown reads its lines as a paragraph.
  if (next < endLine && !state.isEmpty(next) && !IAL_ALONE.test(lineOf(next).trim())) return false;
  if (silent) return true;
  const open = state.push("table_open", "table", 1);
  open.map = [startLine, next];
  state.push("tbody_open", "tbody", 1).map = [startLine, next];
  rows.forEach((row, i) => {
    state.push("tr_open", "tr", 1).map = [startLine + i, startLine + i + 1];
    for (const cell of cellsOf(row, cellBreaks(row))) {
      state.push("td_open", "td", 1);
      const inline = state.push("inline", "", 0);
      inline.content = cell;
      inline.map = [startLine + i, startLine + i + 1];
      inline.children = [];
      state.push("td_close", "td", -1);
    }
    state.push("tr_close", "tr", -1);
  });
  state.push("tbody_close", "tbody", -1);
  state.push("table_close", "table", -1);
  state.line = next;
  return true;
}

export function kramdownTables(md: MarkdownIt): void {
  // Last before a paragraph, as kramdown tries its table parser after headers, lists and HTML.
  md.block.ruler.before("paragraph", "kramdown_headerless_table", headerlessTable);
  md.core.ruler.after("block", "kramdown_tables", tablesAsKramdownReadsThem);
}
