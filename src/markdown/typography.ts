import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

/**
 * kramdown's typography, as Jekyll turns it on: `--` an en dash, `---` an em dash, `...` an
 * ellipsis, `<<` `>>` guillemets, and curly quotes (kramdown's `smart_quotes` option, the names
 * or code points of the four quote characters). Nothing else markdown-it's typographer would
 * replace (`(c)`, `+-`, `!!!!`) changes, since kramdown leaves it. Code is never touched.
 */

export interface TypographyOptions {
  /** kramdown's `smart_quotes`: left single, right single, left double, right double. */
  smartQuotes: string;
}

export const defaultTypographyOptions: TypographyOptions = { smartQuotes: "lsquo,rsquo,ldquo,rdquo" };

const ENTITIES: Record<string, string> = {
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  sbquo: "‚",
  bdquo: "„",
  apos: "'",
  quot: '"',
};

/** One of kramdown's quote names (`lsquo`) or code points (`8216`) as the character. */
function quoteCharacter(name: string): string {
  const trimmed = name.trim();
  if (/^\d+$/.test(trimmed)) return String.fromCodePoint(Number(trimmed));
  return ENTITIES[trimmed] ?? trimmed;
}

// kramdown's order: longest first; `<< ` and ` >>` keep a no-break space inside the guillemet.
const SYMBOLS: Array<[RegExp, string]> = [
  [/---/g, "—"],
  [/--/g, "–"],
  [/\.\.\./g, "…"],
  [/<< /g, "«\u00a0"],
  [/ >>/g, "\u00a0»"],
  [/<</g, "«"],
  [/>>/g, "»"],
];
// kramdown's rule for decades: the '90s begins with an apostrophe, not an opening quote.
const DECADE = /(^|[^\p{L}\p{N}])'(?=\d\ds\b)/gu;
const ANY_SYMBOL = /--|\.\.\.|<<|>>|'\d/;

function replaceSymbols(state: StateCore, rsquo: string): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let insideAutolink = 0;
    for (const token of block.children) {
      if (token.type === "link_open" && token.info === "auto") insideAutolink++;
      else if (token.type === "link_close" && token.info === "auto") insideAutolink--;
      else if (token.type === "text" && insideAutolink === 0 && ANY_SYMBOL.test(token.content)) {
        const replaced = SYMBOLS.reduce((text, [pattern, symbol]) => text.replace(pattern, symbol), token.content);
        token.content = replaced.replace(DECADE, `$1${rsquo}`);
      }
    }
  }
}

/** `<<` would otherwise open an HTML tag (`<<name>>`); kramdown reads it as a guillemet. */
function guillemetBeforeHtml(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith("<<", state.pos)) return false;
  if (!silent) state.pending += "<<";
  state.pos += 2;
  return true;
}

export function kramdownTypography(md: MarkdownIt, options: Partial<TypographyOptions> = {}): void {
  const { smartQuotes } = { ...defaultTypographyOptions, ...options };
  const [lsquo, rsquo, ldquo, rdquo] = smartQuotes.split(",").map(quoteCharacter);
  // markdown-it lists the double quotes first.
  md.set({ typographer: true, quotes: [ldquo ?? "“", rdquo ?? "”", lsquo ?? "‘", rsquo ?? "’"] });
  md.core.ruler.disable("replacements");
  md.core.ruler.before("smartquotes", "kramdown_typographic", (state) => replaceSymbols(state, rsquo ?? "’"));
  md.inline.ruler.before("html_inline", "kramdown_guillemet", guillemetBeforeHtml);
}
