import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { type Finding, finding, publishedAsIs } from "../finding.ts";
import { locateText } from "../locate-text.ts";
import type { OutputPage } from "./page-summary.ts";

/**
 * Liquid or kramdown syntax, or a block-level HTML tag, that reached a built page as text: the
 * reader sees it so. What the page's own `{% raw %}` blocks show is meant to be seen, and is not
 * reported. An error in this repository's site; a warning in a Jekyll site, which Jekyll builds
 * the same (text and all).
 */
export function checkRawSyntax(source: SiteModel, pages: OutputPage[]): Finding[] {
  const sourceByPath = new Map<string, SourcePage>(source.pages.map((page) => [page.absolutePath, page]));
  const severity = publishedAsIs(source);
  return pages.flatMap((page) => {
    const pageSource = sourceByPath.get(page.inputPath);
    const shownOnPurpose = pageSource ? rawBlockTexts(pageSource.text) : [];
    return [...new Set(page.rawSyntax)].flatMap((snippet) => {
      const tag = snippet.startsWith("<");
      if (!tag && shownOnPurpose.some((text) => text.includes(snippet))) return [];
      let { at, inPage } = locateText(source, pageSource, [snippet, snippet.slice(0, 12)]);
      // A tag is short text: one found only in the built-in theme's files (outside the site's folder) is not it.
      if (tag && pageSource && at.file.startsWith("../")) ({ at, inPage } = { at: { file: pageSource.file, line: 1, column: 1 }, inPage: true });
      const from = inPage || !pageSource ? "" : ` (on ${pageSource.file})`;
      if (tag) {
        // kramdown's reading, which Jekyll builds with a warning of its own.
        const message = `HTML tag "${snippet}" is inside a paragraph's text, where kramdown shows a block-level tag as text, and the built page shows it so${from}: start the element on a line of its own, after a blank line`;
        return finding("raw-syntax", "warning", at, message);
      }
      const kind = snippet.startsWith("{:")
        ? `kramdown attribute list "${snippet}" was not applied: it must follow a link, a span or a block directly, as {:target="_blank"} or {: .class}`
        : `unrendered Liquid "${snippet}": Liquid in an include parameter or a data value is printed as it is; render it with | flatify, or move it into the page`;
      return finding("raw-syntax", severity, at, `${kind}, and the built page shows it as text${from}`);
    });
  });
}

const RAW_BLOCK = /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g;

/** The contents of a text's `{% raw %}` blocks, whitespace runs as single spaces (as the snippets are). */
function rawBlockTexts(text: string): string[] {
  if (!text.includes("raw")) return [];
  return [...text.matchAll(RAW_BLOCK)].map((match) => match[1]!.replace(/\s+/g, " "));
}
