import { finding, type Finding } from "./finding.ts";
import type { PageSource, SiteSource } from "./site-source.ts";
import { locationOfPath } from "./yaml-source.ts";

/**
 * Two pages at one URL: one would silently overwrite the other. The first page (in path order)
 * keeps the URL; every later one is reported, and left out of the build.
 */
export function duplicatePermalinks(source: SiteSource): Array<{ page: PageSource; finding: Finding }> {
  const owners = new Map<string, PageSource>();
  const duplicates: Array<{ page: PageSource; finding: Finding }> = [];
  for (const page of source.pages) {
    if (page.frontMatter && !page.data) continue;
    const first = owners.get(page.url);
    if (!first) {
      owners.set(page.url, page);
      continue;
    }
    const at = page.frontMatter ? locationOfPath(page.frontMatter, ["permalink"]) : { file: page.file, line: 1, column: 1 };
    const message = `permalink "${page.url}" is already the URL of ${first.file}: give one of the pages another permalink`;
    duplicates.push({ page, finding: finding("permalinks", "error", at, message) });
  }
  return duplicates;
}
