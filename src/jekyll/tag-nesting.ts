import { defaultOptions, ParseError, TagToken, Tokenizer } from "liquidjs";
import { RenderLimitError } from "./render-budget.ts";

/**
 * Block tags at most 100 inside each other, as in Jekyll's Liquid ("Nesting too deep"). LiquidJS
 * parses each block's contents from within the block's own constructor, so 10,000 nested
 * `{% if %}` overflowed its stack at every level, and with every error collected (as the checks
 * do) 50,000 of them took a build to 4 GB and a crash. The tags are counted on LiquidJS's own
 * tokens before the parser sees them; below this many tags there is nothing to count.
 */

export const BLOCK_NESTING_LIMIT = 100;

/** Tags whose contents LiquidJS parses inside them, up to `end<name>`. */
const BLOCKS = new Set(["if", "unless", "case", "for", "tablerow", "capture", "block"]);

function hasMoreTagsThan(text: string, count: number): boolean {
  let found = 0;
  for (let at = text.indexOf("{%"); at >= 0; at = text.indexOf("{%", at + 2)) if (++found > count) return true;
  return false;
}

/**
 * Throws a ParseError at the first block tag nested deeper than the limit (this site's Liquid
 * uses LiquidJS's default delimiters and operators). Text LiquidJS cannot tokenize is left to
 * the parser, which reports it.
 */
export function refuseDeepBlocks(text: string, file?: string): void {
  if (!hasMoreTagsThan(text, BLOCK_NESTING_LIMIT)) return;
  let tokens: ReturnType<Tokenizer["readTopLevelTokens"]>;
  try {
    tokens = new Tokenizer(text, defaultOptions.operators, file).readTopLevelTokens();
  } catch {
    return;
  }
  let open = 0;
  let inComment = false;
  for (const token of tokens) {
    if (!(token instanceof TagToken)) continue;
    if (inComment) {
      inComment = token.name !== "endcomment";
    } else if (token.name === "comment") {
      inComment = true;
    } else if (BLOCKS.has(token.name)) {
      if (++open > BLOCK_NESTING_LIMIT) {
        const message = `{% ${token.name} %} is nested inside ${BLOCK_NESTING_LIMIT} other block tags: Liquid reads at most ${BLOCK_NESTING_LIMIT} levels (Jekyll's too); close the tags that should be closed, or nest less`;
        throw new ParseError(new RenderLimitError(message), token);
      }
    } else if (token.name.startsWith("end") && BLOCKS.has(token.name.slice(3))) {
      open = Math.max(0, open - 1);
    }
  }
}
