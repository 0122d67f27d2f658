import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";

/**
 * kramdown's tables need a row under the header and its `|---|` line: a header alone is a
 * paragraph of its text there, where GFM makes a table with no body. Its lines become that
 * paragraph here too (before inline parsing, so the text gets kramdown's typography).
 */

function headerOnlyTablesAsText(state: StateCore): void {
  const lines = state.src.split("\n");
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== "table_open" || !open.map) continue;
    let close = i + 1;
    let hasBody = false;
    while (close < tokens.length && !(tokens[close]!.type === "table_close" && tokens[close]!.level === open.level)) {
      if (tokens[close]!.type === "tbody_open") hasBody = true;
      close++;
    }
    if (hasBody || close >= tokens.length) continue;
    const paragraph = new state.Token("paragraph_open", "p", 1);
    paragraph.map = open.map;
    paragraph.level = open.level;
    const inline = new state.Token("inline", "", 0);
    inline.content = lines
      .slice(open.map[0], open.map[1])
      .map((line) => line.trim())
      .join("\n");
    inline.map = open.map;
    inline.level = open.level + 1;
    inline.children = [];
    const end = new state.Token("paragraph_close", "p", -1);
    end.level = open.level;
    tokens.splice(i, close - i + 1, paragraph, inline, end);
  }
}

export function kramdownTables(md: MarkdownIt): void {
  md.core.ruler.after("block", "kramdown_tables", headerOnlyTablesAsText);
}
