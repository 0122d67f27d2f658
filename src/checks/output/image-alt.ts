import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";
import { locateText } from "../locate-text.ts";
import type { OutputPage } from "./page-summary.ts";

/**
 * An image without alt text: a screen reader says nothing about it (or reads its file name), and
 * the link to the full-size image the build wraps it in has no name. A warning at the image's
 * line, found by its URL as written (`{{ site.baseurl }}/assets/x.png` is built as
 * `/docs/assets/x.png`), then by its file name.
 */

export function checkImageAlt(source: SiteModel, pages: OutputPage[]): Finding[] {
  const { baseurl } = source.settings;
  const sourceByPath = new Map<string, SourcePage>(source.pages.map((page) => [page.absolutePath, page]));
  return pages.flatMap((page) => {
    const pageSource = sourceByPath.get(page.inputPath);
    const seen = new Map<string, number>();
    return page.imagesWithoutAlt.map((src) => {
      // The second image of one URL is most likely the second the author wrote.
      const nth = seen.get(src) ?? 0;
      seen.set(src, nth + 1);
      const withoutBase = baseurl !== "" && src.startsWith(baseurl) ? src.slice(baseurl.length) : src;
      const name = src.split(/[?#]/)[0]!.split("/").pop() ?? "";
      const { at, inPage } = locateText(source, pageSource, [...new Set([`](${src}`, src, `](${withoutBase}`, withoutBase, name])], { nth });
      const from = inPage || !pageSource ? "" : ` (on ${pageSource.file})`;
      const message =
        `image "${src}" has no alt text: say what it shows, as ![what it shows](...) or alt="..." (screen readers announce nothing else); ` +
        `for a purely decorative image, write <img ... alt="" role="presentation">${from}`;
      return finding("images", "warning", at, message);
    });
  });
}
