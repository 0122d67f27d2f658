import type MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";

/**
 * kramdown's extensions: `{::comment}...{:/comment}` becomes an HTML comment (as kramdown writes
 * it), `{::nomarkdown}...{:/nomarkdown}` is output as written, `{::options ... /}` is taken out
 * (kramdown's per-document options; the build's markdown options are the site's). Each works as a
 * block (its own lines) or inside a paragraph; `{:/}` closes whichever is open.
 */

export interface ExtensionOptions {
  /** Extensions taken out without output, besides `options`. */
  ignored: string[];
}

export const defaultExtensionOptions: ExtensionOptions = { ignored: [] };

const START = /^\{::(comment|nomarkdown|options)((?:\s[^}]*?)?)\s*(\/)?\}/;
const ANYWHERE = /\{::(comment|nomarkdown|options)((?:\s[^}]*?)?)\s*(\/)?\}/;

function output(name: string, body: string, escapeComment: (text: string) => string): string {
  if (name === "comment") return `<!-- ${escapeComment(body.trim())} -->`;
  if (name === "nomarkdown") return body;
  return "";
}

const closingOf = (name: string) => new RegExp(`\\{:/(?:${name})?\\}`);
// `--` would end the comment early.
const commentText = (text: string) => text.replace(/--/g, "- -");

/** The extension `{::name}...{:/name}` (or `{::name /}`) that `text` starts with: its name, body and length. */
function extensionAt(text: string): { name: string; body: string; consumed: number } | undefined {
  const open = START.exec(text);
  if (!open) return undefined;
  const name = open[1]!;
  if (open[3]) return { name, body: "", consumed: open[0].length };
  const close = closingOf(name).exec(text.slice(open[0].length));
  if (!close) return undefined;
  return { name, body: text.slice(open[0].length, open[0].length + close.index), consumed: open[0].length + close.index + close[0].length };
}

function blockExtension(state: StateBlock, startLine: number, endLine: number, silent: boolean, ignored: string[]): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const rest = state.src.slice(start, state.eMarks[endLine - 1]);
  const found = extensionAt(rest);
  if (!found) return false;
  const { name, body, consumed } = found;
  // Only a block when its opening tag ends its line (kramdown's EXTENSION_BLOCK_START), and
  // nothing but blanks follows on the closing line; else it is inside a paragraph.
  if (!/^\{[^}]*\}[ \t]*(\n|$)/.test(rest)) return false;
  const lineEnd = rest.indexOf("\n", consumed);
  if (rest.slice(consumed, lineEnd < 0 ? rest.length : lineEnd).trim() !== "") return false;
  if (silent) return true;
  const lines = rest.slice(0, consumed).split("\n").length;
  if (!ignored.includes(name)) {
    const token = state.push("html_block", "", 0);
    token.content = `${output(name, body.replace(/^\n/, ""), commentText)}\n`;
    token.map = [startLine, startLine + lines];
  }
  state.line = startLine + lines;
  return true;
}

function inlineExtension(state: StateInline, silent: boolean, ignored: string[]): boolean {
  const found = extensionAt(state.src.slice(state.pos));
  if (!found) return false;
  const { name, body, consumed } = found;
  if (!silent && !ignored.includes(name)) state.push("html_inline", "", 0).content = output(name, body, commentText);
  state.pos += consumed;
  return true;
}

/**
 * markdown-it's text rule reads past `{` (it is no terminator character), so an extension in the
 * middle of text reaches the text token whole: split it out there.
 */
function extensionsInText(state: StateCore, ignored: string[]): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children?.some((child) => child.type === "text" && ANYWHERE.test(child.content))) continue;
    block.children = block.children.flatMap((child) => (child.type === "text" ? splitText(state, child.content, ignored) : [child]));
  }
}

function splitText(state: StateCore, text: string, ignored: string[]): Token[] {
  const tokens: Token[] = [];
  let rest = text;
  for (let open = ANYWHERE.exec(rest); open; open = ANYWHERE.exec(rest)) {
    const name = open[1]!;
    const after = rest.slice(open.index + open[0].length);
    const close = open[3] ? { index: 0, 0: "" } : closingOf(name).exec(after);
    if (!close) break;
    const before = new state.Token("text", "", 0);
    before.content = rest.slice(0, open.index);
    tokens.push(before);
    if (!ignored.includes(name)) {
      const html = new state.Token("html_inline", "", 0);
      html.content = output(name, after.slice(0, close.index), commentText);
      tokens.push(html);
    }
    rest = after.slice(close.index + close[0].length);
  }
  const last = new state.Token("text", "", 0);
  last.content = rest;
  tokens.push(last);
  return tokens.filter((token) => token.type !== "text" || token.content !== "");
}

export function kramdownExtensions(md: MarkdownIt, overrides: Partial<ExtensionOptions> = {}): void {
  const { ignored } = { ...defaultExtensionOptions, ...overrides };
  md.block.ruler.before("paragraph", "kramdown_extension", (state, start, end, silent) => blockExtension(state, start, end, silent, ignored), {
    alt: ["paragraph"],
  });
  md.inline.ruler.before("text", "kramdown_extension", (state, silent) => inlineExtension(state, silent, ignored));
  md.core.ruler.after("inline", "kramdown_extension_in_text", (state) => extensionsInText(state, ignored));
}
