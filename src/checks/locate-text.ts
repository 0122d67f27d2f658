import type { Location } from "./finding.ts";
import type { PageSource, SiteSource, TextFile } from "./site-source.ts";

/**
 * Output findings (a broken link, leftover syntax) are about built HTML; the author needs the
 * line they wrote. The first of `needles` found in the page's own file wins, then in the includes
 * and data files (a link from the link map, text from an include); else the page's first line.
 */
export function locateText(source: SiteSource, page: PageSource | undefined, needles: string[]): { at: Location; inPage: boolean } {
  const wanted = needles.filter((needle) => needle.length >= 2);
  const search = (file: TextFile): Location | undefined => {
    for (const needle of wanted) {
      const index = file.text.indexOf(needle);
      if (index < 0) continue;
      const before = file.text.slice(0, index);
      return { file: file.file, line: before.split("\n").length, column: index - (before.lastIndexOf("\n") + 1) + 1 };
    }
    return undefined;
  };
  if (page) {
    const at = search(page);
    if (at) return { at, inPage: true };
  }
  for (const file of [...source.includes, ...source.dataFiles]) {
    const at = search(file);
    if (at) return { at, inPage: false };
  }
  return { at: { file: page?.file ?? "(unknown page)", line: 1, column: 1 }, inPage: true };
}
