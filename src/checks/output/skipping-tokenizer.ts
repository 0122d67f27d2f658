import { Tokenizer } from "htmlparser2";

/**
 * htmlparser2's tokenizer, which looks at every character of the page in turn, made to jump over
 * the runs of characters its states ignore anyway: in text, everything up to the next `<` or
 * `&`; in a quoted attribute value, everything up to the closing quote or the next `&`. The
 * events it sends are the same, with the same positions; most of a built page is such runs.
 *
 * It overrides two of the tokenizer's internal states (stable in htmlparser2 10, which the
 * lockfile pins); tests/checks compare its summaries with the stock tokenizer's.
 */

interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  stateText(c: number): void;
  stateInAttributeValueDoubleQuotes(c: number): void;
  stateInAttributeValueSingleQuotes(c: number): void;
}

const LT = 0x3c as const;
const AMP = 0x26 as const;
const DOUBLE_QUOTE = 0x22 as const;
const SINGLE_QUOTE = 0x27 as const;

const CHARACTERS = { [LT]: "<", [AMP]: "&", [DOUBLE_QUOTE]: '"', [SINGLE_QUOTE]: "'" };

const Base = Tokenizer as unknown as new (...args: ConstructorParameters<typeof Tokenizer>) => TokenizerInternals;

class SkippingTokenizer extends Base {
  /** Where the next `<`, `&`, `"` and `'` are in the buffer, from the last search on. */
  private readonly next = { [LT]: -1, [AMP]: -1, [DOUBLE_QUOTE]: -1, [SINGLE_QUOTE]: -1 };
  private searched = "";

  /** The buffer position of the next `char` at or after `from` (the buffer's length if none). */
  private nextOf(char: typeof LT | typeof AMP | typeof DOUBLE_QUOTE | typeof SINGLE_QUOTE, from: number): number {
    if (this.searched !== this.buffer) {
      this.searched = this.buffer;
      this.next[LT] = this.next[AMP] = this.next[DOUBLE_QUOTE] = this.next[SINGLE_QUOTE] = -1;
    }
    let at = this.next[char];
    if (at < from) {
      at = this.buffer.indexOf(CHARACTERS[char], from);
      if (at < 0) at = this.buffer.length;
      this.next[char] = at;
    }
    return at;
  }

  /** Moves to just before the next stop (the parse loop then steps onto it). */
  private skipTo(first: typeof LT | typeof DOUBLE_QUOTE | typeof SINGLE_QUOTE): void {
    const from = this.index - this.offset;
    this.index = this.offset + Math.min(this.nextOf(first, from), this.nextOf(AMP, from)) - 1;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP) super.stateText(c);
    else this.skipTo(LT);
  }

  override stateInAttributeValueDoubleQuotes(c: number): void {
    if (c === DOUBLE_QUOTE || c === AMP) super.stateInAttributeValueDoubleQuotes(c);
    else this.skipTo(DOUBLE_QUOTE);
  }

  override stateInAttributeValueSingleQuotes(c: number): void {
    if (c === SINGLE_QUOTE || c === AMP) super.stateInAttributeValueSingleQuotes(c);
    else this.skipTo(SINGLE_QUOTE);
  }
}

export const skippingTokenizer = SkippingTokenizer as unknown as typeof Tokenizer;
