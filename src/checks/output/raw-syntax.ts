import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";
import { locateText } from "../locate-text.ts";
import type { OutputPage } from "./page-summary.ts";

/** Liquid or kramdown syntax that reached a built page: the reader would see it as text. */
export function checkRawSyntax(source: SiteModel, pages: OutputPage[]): Finding[] {
  const sourceByPath = new Map<string, SourcePage>(source.pages.map((page) => [page.absolutePath, page]));
  return pages.flatMap((page) => {
    const pageSource = sourceByPath.get(page.inputPath);
    return [...new Set(page.rawSyntax)].map((snippet) => {
      const { at, inPage } = locateText(source, pageSource, [snippet, snippet.slice(0, 12)]);
      const from = inPage || !pageSource ? "" : ` (on ${pageSource.file})`;
      const kind = snippet.startsWith("{:")
        ? `kramdown attribute list "${snippet}" was not applied: it must follow a link, a span or a block directly, as {:target="_blank"} or {: .class}`
        : `unrendered Liquid "${snippet}": Liquid in an include parameter or a data value is printed as it is; render it with | flatify, or move it into the page`;
      return finding("raw-syntax", "error", at, `${kind}, and the built page shows it as text${from}`);
    });
  });
}
