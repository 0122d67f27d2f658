import { laxMarkup, strictProblem } from "./ruby-variable-syntax.ts";

/**
 * Jekyll's `liquid: error_mode` for the markup of variables: `{{ ... }}`, and the right side of
 * `{% assign %}` and `{% echo %}`. Ruby Liquid's strict parser refuses what LiquidJS half-reads
 * (`{{ page.title | }}`) or refuses differently (`{{ x | append: "!" extra }}`); `strict` fails
 * on it, `warn` (Jekyll's default) and `lax` render it with Ruby's lax reading. The engine gives
 * LiquidJS each such markup as the lax reading (ruby-variable-syntax.ts), padded to the same
 * length and lines so that every later place in the text stays where the author wrote it, and
 * reports it at the token the strict parser stopped at. Other tags' markup is LiquidJS's to read.
 */

export interface MalformedMarkup {
  /** Offsets in the text of the token the strict parser stopped at. */
  begin: number;
  end: number;
  message: string;
}

const RAW_OR_COMMENT = /\{%-?\s*(raw|comment)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/y;
// The markup runs to the first closing delimiter outside quoted text, as LiquidJS reads it (`{{ "{{ x }}" | flatify }}`).
const OUTPUT = /\{\{-?((?:"[^"]*"|'[^']*'|[^"'}]|\}(?!\}))*?)-?\}\}/dy;
const VARIABLE_TAG = /\{%-?\s*(?:assign\s+[\w-]+\s*=|echo\s)((?:"[^"]*"|'[^']*'|[^"'%]|%(?!\}))*?)-?%\}/dy;

/** `replacement` padded to `original`'s length and line breaks; undefined when it can't be (it is longer, or has lines of its own). */
function padded(replacement: string, original: string): string | undefined {
  if (replacement.length > original.length || /[\r\n]/.test(replacement)) return undefined;
  const lines = original.split("\n");
  if (lines.length === 1) return replacement.padEnd(original.length);
  const last = lines.at(-1)!;
  const head = lines.slice(0, -1).join("\n").length;
  return replacement.length > head ? undefined : `${replacement.padEnd(head)}\n${" ".repeat(last.length)}`;
}

/** The text with each malformed variable markup as Ruby's lax parser reads it, and where each is. */
export function withLaxVariables(text: string): { text: string; problems: MalformedMarkup[] } {
  if (!text.includes("{{") && !/\{%-?\s*(assign|echo)\s/.test(text)) return { text, problems: [] };
  const problems: MalformedMarkup[] = [];
  let out = "";
  let copied = 0;
  for (let i = text.indexOf("{"); i >= 0 && i < text.length - 1; i = text.indexOf("{", i + 1)) {
    RAW_OR_COMMENT.lastIndex = i;
    const skipped = RAW_OR_COMMENT.exec(text);
    if (skipped) {
      i += skipped[0].length - 1;
      continue;
    }
    const pattern = text[i + 1] === "{" ? OUTPUT : text[i + 1] === "%" ? VARIABLE_TAG : undefined;
    if (!pattern) continue;
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (!match) continue;
    const markup = match[1]!;
    const start = match.indices![1]![0];
    const problem = strictProblem(markup);
    if (problem) {
      const token = /^\S*/.exec(markup.slice(problem.at))![0];
      problems.push({ begin: start + problem.at, end: start + problem.at + Math.max(1, token.length), message: `${problem.message} in "${match[0]}"` });
      const lax = padded(laxMarkup(markup), markup);
      if (lax !== undefined) {
        out += text.slice(copied, start) + lax;
        copied = start + markup.length;
      }
    }
    i += match[0].length - 1;
  }
  return { text: copied === 0 ? text : out + text.slice(copied), problems };
}
