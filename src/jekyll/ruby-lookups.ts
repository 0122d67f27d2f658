/**
 * Ruby Liquid reads `a[b]c` as `a[b].c` (a name right after `]` is one more lookup); LiquidJS's
 * tokenizer stops at `]`, so `{{ site.data.people[page.who]name }}` printed the whole hash. The
 * engine gives LiquidJS its templates with the dot written in (inside `{{ }}` and `{% %}` only,
 * outside quoted text, not in raw or comment blocks), and the texts it changed are remembered so
 * that findings are located in the text as the author wrote it (originalPlace).
 */

interface Rewrite {
  original: string;
  /** Offsets in the rewritten text where a dot was put in, ascending. */
  dots: number[];
}

const rewrites = new Map<string, Rewrite>();
const MAX_REMEMBERED = 10_000;

const RAW_OR_COMMENT = /\{%-?\s*(raw|comment)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/y;

export function withRubyLookups(text: string): string {
  if (!/\][A-Za-z_]/.test(text)) return text;
  let out = "";
  const dots: number[] = [];
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
    out += text.slice(i, open + 2);
    const close = next === "{" ? "}}" : "%}";
    let j = open + 2;
    let quote: string | undefined;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (text.startsWith(close, j)) break;
      else if (c === "]" && /[A-Za-z_]/.test(text[j + 1] ?? "")) {
        out += "].";
        dots.push(out.length - 1);
        continue;
      }
      out += c;
    }
    i = j;
  }
  out += text.slice(i);
  if (dots.length === 0) return text;
  if (rewrites.size >= MAX_REMEMBERED) rewrites.clear();
  rewrites.set(out, { original: text, dots });
  return out;
}

/** Where an offset in a text the engine parsed lies in the text as written. */
export function originalPlace(input: string, offset: number): { input: string; offset: number } {
  const rewrite = rewrites.get(input);
  if (!rewrite) return { input, offset };
  return { input: rewrite.original, offset: offset - rewrite.dots.filter((dot) => dot < offset).length };
}
