import type MarkdownIt from "markdown-it";
import { escapeHtml } from "../support/html.ts";

/**
 * Block-level HTML tags inside a paragraph's text, as kramdown shows them: as text. kramdown
 * reads `Text then <div>x</div>` as the words and the tags themselves (`&lt;div&gt;`), with a
 * warning; only span-level tags (`<span>`, `<kbd>`, `<br>`, ...) and tags it knows as neither
 * are HTML there. A tag that starts its own line is an HTML block (html-blocks.ts), not this.
 */

export interface SpanHtmlOptions {
  /** kramdown's HTML_BLOCK_ELEMENTS: shown as text when they appear within a paragraph. */
  blockElements: string[];
}

export const defaultSpanHtmlOptions: SpanHtmlOptions = {
  blockElements: (
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form " +
    "h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary " +
    "table tbody td th thead tfoot tr ul"
  ).split(" "),
};

const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9-]*)/;

export function kramdownSpanHtml(md: MarkdownIt, options: Partial<SpanHtmlOptions> = {}): void {
  const blockElements = new Set((options.blockElements ?? defaultSpanHtmlOptions.blockElements).map((name) => name.toLowerCase()));
  md.core.ruler.after("inline", "kramdown_span_html", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "inline" || !token.children) continue;
      for (const child of token.children) {
        if (child.type !== "html_inline") continue;
        const name = TAG_NAME.exec(child.content)?.[1]?.toLowerCase();
        // Shown as the text it is, quotes and all (kramdown's typography doesn't reach it).
        if (name !== undefined && blockElements.has(name)) child.content = escapeHtml(child.content);
      }
    }
  });
}
