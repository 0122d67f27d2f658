/**
 * Ruby Liquid's two readings of a variable's markup (what `{{ ... }}` and the right side of
 * `{% assign x = ... %}` hold), as Liquid 5 (Jekyll 4.3's) has them in Liquid::Variable:
 *
 * - strictProblem: its strict parser (Liquid::Lexer and Liquid::Parser), which `error_mode:
 *   strict` fails on and `warn` (Jekyll's default) prints a warning for: the first token it
 *   can't take, and why.
 * - laxMarkup: its lax parser (the regular expressions of Liquid::Variable#lax_parse), which
 *   `lax` and `warn` render with instead: a name, then each `|` piece that holds a word is a
 *   filter named by its first word, with the arguments that follow a `:` or `,`; everything else
 *   is skipped. Written back as markup LiquidJS reads the same way.
 *
 * LiquidJS's own parser is lenient in some places (`{{ x | }}` renders `x`) and refuses others
 * (`{{ x | append: "!" extra }}`), so neither reading is LiquidJS's.
 */

type TokenKind = "comparison" | "string" | "number" | "id" | "dotdot" | "pipe" | "dot" | "colon" | "comma" | "[" | "]" | "(" | ")" | "?" | "dash" | "end";

interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the markup. */
  at: number;
}

export interface MarkupProblem {
  /** Offset in the markup of the token the strict parser stopped at. */
  at: number;
  message: string;
}

const LEXEMES: Array<[TokenKind, RegExp]> = [
  ["comparison", /==|!=|<>|<=?|>=?|contains(?=\s)/y],
  ["string", /'[^']*'|"[^"]*"/y],
  ["number", /-?\d+(\.\d+)?/y],
  ["id", /[a-zA-Z_][\w-]*\??/y],
  ["dotdot", /\.\./y],
];
const SPECIALS: Record<string, TokenKind> = {
  "|": "pipe",
  ".": "dot",
  ":": "colon",
  ",": "comma",
  "[": "[",
  "]": "]",
  "(": "(",
  ")": ")",
  "?": "?",
  "-": "dash",
};

class StrictSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function tokenize(markup: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < markup.length && /\s/.test(markup[i]!)) i++;
    if (i >= markup.length) break;
    const lexeme = LEXEMES.find(([, pattern]) => {
      pattern.lastIndex = i;
      return pattern.test(markup);
    });
    if (lexeme) {
      const end = lexeme[1].lastIndex;
      tokens.push({ kind: lexeme[0], text: markup.slice(i, end), at: i });
      i = end;
      continue;
    }
    const kind = SPECIALS[markup[i]!];
    if (!kind) throw new StrictSyntaxError(`unexpected character "${markup[i]}"`, i);
    tokens.push({ kind, text: markup[i]!, at: i });
    i++;
  }
  tokens.push({ kind: "end", text: "", at: markup.length });
  return tokens;
}

const named = (token: Token) => (token.kind === "end" ? "the end of the markup" : `"${token.text}"`);

/** Liquid::Parser over one markup, as far as Liquid::Variable#strict_parse uses it. */
class StrictParser {
  private p = 0;
  constructor(private readonly tokens: Token[]) {}
  look(kind: TokenKind, ahead = 0): boolean {
    return this.tokens[this.p + ahead]?.kind === kind;
  }
  consume(kind: TokenKind, wanted: string): Token {
    const token = this.tokens[this.p]!;
    if (token.kind !== kind) throw new StrictSyntaxError(`expected ${wanted} but found ${named(token)}`, token.at);
    this.p++;
    return token;
  }
  accept(kind: TokenKind): boolean {
    if (!this.look(kind)) return false;
    this.p++;
    return true;
  }
  expression(): void {
    const token = this.tokens[this.p]!;
    if (token.kind === "id") {
      this.p++;
      this.lookups();
    } else if (token.kind === "[") {
      this.p++;
      this.expression();
      this.consume("]", '"]"');
      this.lookups();
    } else if (token.kind === "string" || token.kind === "number") {
      this.p++;
    } else if (token.kind === "(") {
      this.p++;
      this.expression();
      this.consume("dotdot", '".." (a range)');
      this.expression();
      this.consume(")", '")"');
    } else {
      throw new StrictSyntaxError(`expected a value (a name, text or number) but found ${named(token)}`, token.at);
    }
  }
  private lookups(): void {
    for (;;) {
      if (this.accept("[")) {
        this.expression();
        this.consume("]", '"]"');
      } else if (this.accept("dot")) this.consume("id", "a name after the dot");
      else return;
    }
  }
  argument(): void {
    if (this.look("id") && this.look("colon", 1)) this.p += 2;
    this.expression();
  }
}

/** What Ruby's strict parser refuses in a variable's markup, or undefined when it reads it. */
export function strictProblem(markup: string): MarkupProblem | undefined {
  try {
    const parser = new StrictParser(tokenize(markup));
    if (parser.look("end")) return undefined;
    parser.expression();
    while (parser.accept("pipe")) {
      parser.consume("id", "a filter name after |");
      if (parser.accept("colon")) {
        parser.argument();
        while (parser.accept("comma")) parser.argument();
      }
    }
    parser.consume("end", "| or the end of the markup");
    return undefined;
  } catch (error) {
    if (error instanceof StrictSyntaxError) return { at: error.at, message: error.message };
    throw error;
  }
}

// Liquid's QuotedString, QuotedFragment, FilterParser and FilterArgsRegex.
const QUOTED_STRING = `"[^"]*"|'[^']*'`;
const QUOTED_FRAGMENT = String.raw`(?:${QUOTED_STRING}|(?:[^\s,|'"]|${QUOTED_STRING})+)`;
const NAME_AND_REST = new RegExp(String.raw`(${QUOTED_FRAGMENT})([\s\S]*)`);
const FILTER_PIECE = new RegExp(String.raw`(?:\s+|${QUOTED_FRAGMENT}|,)+`, "g");
const FILTER_ARG = new RegExp(String.raw`(?::|,)\s*((?:\w+\s*:\s*)?${QUOTED_FRAGMENT})`, "g");

/**
 * The markup as Ruby's lax parser reads it, written so that LiquidJS reads the same: never
 * longer than `markup` (each part is the author's text, each separator one they wrote).
 */
export function laxMarkup(markup: string): string {
  const match = NAME_AND_REST.exec(markup);
  if (!match) return "";
  let out = match[1]!;
  const rest = match[2]!;
  const pipe = rest.indexOf("|");
  if (pipe < 0) return out;
  for (const piece of rest.slice(pipe + 1).match(FILTER_PIECE) ?? []) {
    const name = /\w+/.exec(piece)?.[0];
    if (name === undefined) continue;
    const args = [...piece.matchAll(FILTER_ARG)].map((arg) => arg[1]!);
    out += `|${name}${args.length > 0 ? `:${args.join(",")}` : ""}`;
  }
  return out;
}
