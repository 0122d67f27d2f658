import type MarkdownIt from "markdown-it";

/**
 * Aligned table columns (`| :-- | --: |`) as classes: the theme's pages' Content-Security-Policy
 * (`style-src 'self'`) makes browsers ignore inline styles, so markdown-it's own
 * `style="text-align:..."` would silently lose the alignment; site.css styles
 * `.align-left|center|right`. A Jekyll site's cells keep kramdown's `style="text-align: left"`
 * as well (`inlineStyles`), which its own style sheets and layouts (no such policy) rely on; the
 * class still aligns them under the theme's layout.
 */

export interface TableAlignmentOptions {
  /** Keep the alignment as kramdown writes it, `style="text-align: left"`, beside the class. */
  inlineStyles: boolean;
}

export const defaultTableAlignmentOptions: TableAlignmentOptions = { inlineStyles: false };

const ALIGNMENT = /^text-align:\s*(left|center|right)$/;

export function tableAlignmentClasses(md: MarkdownIt, overrides: Partial<TableAlignmentOptions> = {}): void {
  const options = { ...defaultTableAlignmentOptions, ...overrides };
  md.core.ruler.push("table_alignment_classes", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const alignment = ALIGNMENT.exec(token.attrGet("style") ?? "")?.[1];
      if (!alignment) continue;
      if (options.inlineStyles) token.attrSet("style", `text-align: ${alignment}`);
      else token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      token.attrJoin("class", `align-${alignment}`);
    }
  });
}
