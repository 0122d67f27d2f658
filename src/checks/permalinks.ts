import { outputPathFor } from "../site/urls.ts";
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
    if ((page.frontMatter && !page.data) || page.data?.permalink === false) continue;
    // Compared as output files: `/common/x` and `/common/x.html` are the same page.
    const output = outputPathFor(page.url, source.settings.baseurl);
    const first = owners.get(output);
    if (!first) {
      owners.set(output, page);
      continue;
    }
    const at = page.frontMatter ? locationOfPath(page.frontMatter, ["permalink"]) : { file: page.file, line: 1, column: 1 };
    const message = `permalink "${page.url}" is already the URL of ${first.file}: give one of the pages another permalink`;
    duplicates.push({ page, finding: finding("permalinks", "error", at, message) });
  }
  return duplicates;
}
