import type MarkdownIt from "markdown-it";

/**
 * Links that open a new tab (`{:target="new"}`, `target="_blank"`) get `rel="noopener noreferrer"`,
 * so the opened page cannot reach back through `window.opener`.
 */

export function safeNewTabLinks(md: MarkdownIt): void {
  md.core.ruler.push("safe_new_tab_links", (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== "link_open" || !token.attrGet("target")) continue;
        const rel = new Set((token.attrGet("rel") ?? "").split(/\s+/).filter(Boolean));
        rel.add("noopener").add("noreferrer");
        token.attrSet("rel", [...rel].join(" "));
      }
    }
  });
}
