/**
 * Markup that Ruby Liquid and LiquidJS read differently, written so that LiquidJS reads it as
 * Ruby does (inside `{{ }}` and `{% %}` only, not in raw or comment blocks):
 * - `a[b]c` is `a[b].c` to Ruby (a name right after `]` is one more lookup); LiquidJS's
 *   tokenizer stops at `]`, so `{{ site.data.people[page.who]name }}` printed the whole hash:
 *   the dot is written in.
 * - Ruby's quoted text has no escapes: `"C:\temp\new"` is those eleven characters and ends at
 *   the next quote, `replace: "\n", " "` replaces a backslash and an `n`; LiquidJS reads `\t` as
 *   a tab and `\"` as a quote: each backslash is doubled. Jekyll's `include` tags read their
 *   parameters with a pattern of their own, where `\"` (in `"..."`, and `\'` in `'...'`) is the
 *   quote and every other backslash stays: those are kept as they are.
 * The texts changed are remembered, so that findings are located in the text as the author wrote
 * it (originalPlace).
 */

interface Rewrite {
  original: string;
  /** Offsets in the rewritten text of the characters put in, ascending. */
  insertions: number[];
}

const rewrites = new Map<string, Rewrite>();
const MAX_REMEMBERED = 10_000;

const RAW_OR_COMMENT = /\{%-?\s*(raw|comment)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/y;
/** Jekyll's include tags, whose parameters follow Jekyll's own quoting. */
const INCLUDE_TAG = /\{%-?\s*include(?:_relative|_cached)?\s/y;

export function withRubyMarkup(text: string): string {
  if (!/\][A-Za-z_]/.test(text) && !text.includes("\\")) return text;
  let out = "";
  const insertions: number[] = [];
  const insert = (char: string) => {
    out += char;
    insertions.push(out.length - 1);
  };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0 || open === text.length - 1) break;
    const next = text[open + 1];
    if (next !== "{" && next !== "%") {
      out += text.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    RAW_OR_COMMENT.lastIndex = open;
    const skipped = RAW_OR_COMMENT.exec(text);
    if (skipped) {
      out += text.slice(i, open + skipped[0].length);
      i = open + skipped[0].length;
      continue;
    }
    INCLUDE_TAG.lastIndex = open;
    const jekyllQuoting = next === "%" && INCLUDE_TAG.test(text);
    out += text.slice(i, open + 2);
    const close = next === "{" ? "}}" : "%}";
    let j = open + 2;
    let quote: string | undefined;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === quote) quote = undefined;
        else if (c === "\\") {
          const escaped = text[j + 1];
          if (jekyllQuoting && escaped === quote) {
            // Jekyll's `\"`: LiquidJS reads it as the quote too.
            out += c + escaped;
            j++;
            continue;
          }
          insert("\\");
          if (jekyllQuoting && escaped === "\\") {
            // Jekyll's pattern takes `\\` as a pair: both stay.
            out += c;
            insert("\\");
            j++;
          }
        }
      } else if (c === '"' || c === "'") quote = c;
      else if (text.startsWith(close, j)) break;
      else if (c === "]" && /[A-Za-z_]/.test(text[j + 1] ?? "")) {
        out += "]";
        insert(".");
        continue;
      }
      out += c;
    }
    i = j;
  }
  out += text.slice(i);
  if (insertions.length === 0) return text;
  if (rewrites.size >= MAX_REMEMBERED) rewrites.clear();
  rewrites.set(out, { original: text, insertions });
  return out;
}

/** Where an offset in a text the engine parsed lies in the text as written. */
export function originalPlace(input: string, offset: number): { input: string; offset: number } {
  const rewrite = rewrites.get(input);
  if (!rewrite) return { input, offset };
  return { input: rewrite.original, offset: offset - rewrite.insertions.filter((at) => at < offset).length };
}
