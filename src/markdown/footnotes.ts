import type MarkdownIt from "markdown-it";
import type { PluginSimple } from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import markdownItFootnote from "markdown-it-footnote";

/**
 * kramdown's footnotes (markdown-it-footnote's parser, kramdown's markup): references
 * `<sup id="fnref:name"><a href="#fn:name" class="footnote">1</a></sup>` named by the label, so
 * links written for the Jekyll site keep working; the notes in `<div class="footnotes">` after
 * the content, each with its backlinks (`↩`, then `↩²` ... for further references) at its end,
 * after a non-breaking space so that a backlink never starts a line of its own.
 * kramdown has no inline footnotes (`^[text]`), so that syntax stays text.
 */

export interface FootnoteOptions {
  /** kramdown's `footnote_nr`: the number of the first footnote. */
  firstNumber: number;
  /** kramdown's `footnote_backlink`: the backlink's text ("" for none). */
  backlink: string;
}

export const defaultFootnoteOptions: FootnoteOptions = { firstNumber: 1, backlink: "&#8617;" };

interface FootnoteMeta {
  id: number;
  subId: number;
  label?: string;
}

export function kramdownFootnotes(md: MarkdownIt, overrides: Partial<FootnoteOptions> = {}): void {
  const options = { ...defaultFootnoteOptions, ...overrides };
  // Its published types name markdown-it's CommonJS types, which are the same API.
  md.use(markdownItFootnote as unknown as PluginSimple);
  md.inline.ruler.disable("footnote_inline");
  const escapeHtml = md.utils.escapeHtml;
  const meta = (tokens: Token[], index: number) => tokens[index]!.meta as FootnoteMeta;
  const name = (footnote: FootnoteMeta) => escapeHtml(footnote.label ?? String(footnote.id + options.firstNumber));
  const refId = (footnote: FootnoteMeta) => `fnref:${name(footnote)}${footnote.subId > 0 ? `:${footnote.subId}` : ""}`;
  const rules = md.renderer.rules;
  rules.footnote_ref = (tokens, index) => {
    const footnote = meta(tokens, index);
    return `<sup id="${refId(footnote)}" role="doc-noteref"><a href="#fn:${name(footnote)}" class="footnote" rel="footnote">${footnote.id + options.firstNumber}</a></sup>`;
  };
  rules.footnote_block_open = () => '<div class="footnotes" role="doc-endnotes">\n<ol>\n';
  rules.footnote_block_close = () => "</ol>\n</div>\n";
  rules.footnote_open = (tokens, index) => `<li id="fn:${name(meta(tokens, index))}" role="doc-endnote">`;
  rules.footnote_close = () => "</li>\n";
  rules.footnote_anchor = (tokens, index) => {
    const footnote = meta(tokens, index);
    if (options.backlink === "") return "";
    const number = footnote.subId > 0 ? `<sup>${footnote.subId + 1}</sup>` : "";
    return `&nbsp;<a href="#${refId(footnote)}" class="reversefootnote" role="doc-backlink">${options.backlink}${number}</a>`;
  };
}
