import type MarkdownIt from "markdown-it";

/**
 * Aligned table columns (`| :-- | --: |`) as classes, not `style="text-align:..."`: the pages'
 * Content-Security-Policy (`style-src 'self'`) makes browsers ignore inline styles, so markdown-it's
 * own output would silently lose the alignment. site.css styles `.align-left|center|right`.
 */

const ALIGNMENT = /^text-align:\s*(left|center|right)$/;

export function tableAlignmentClasses(md: MarkdownIt): void {
  md.core.ruler.push("table_alignment_classes", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const alignment = ALIGNMENT.exec(token.attrGet("style") ?? "")?.[1];
      if (!alignment) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      token.attrJoin("class", `align-${alignment}`);
    }
  });
}
