import path from "node:path";
import { relativeToRoot, type SiteModel } from "../../model/site-model.ts";
import { locationOfPath } from "../../model/yaml-positions.ts";
import { type Finding, finding } from "../finding.ts";
import type { OutputPage } from "./page-summary.ts";

/**
 * Every HTML page the build writes carries the site's Content-Security-Policy (content-policy.ts)
 * in its head, before anything it loads. A page that reaches the output without it (a layout of
 * its own that leaves it out) would run whatever HTML it holds as the site's own. The page is
 * reported at its `layout:` line.
 */
export function checkPagePolicies(model: SiteModel, pages: readonly OutputPage[]): Finding[] {
  const sources = new Map(model.pages.map((page) => [page.absolutePath, page]));
  return pages
    .filter((page) => !page.hasPolicy)
    .map(({ inputPath, url }) => {
      const page = sources.get(path.resolve(inputPath));
      const layout = page?.data?.layout;
      const at =
        page?.frontMatter && layout !== undefined
          ? locationOfPath(page.frontMatter, ["layout"])
          : { file: page?.file ?? relativeToRoot(model.root, path.resolve(inputPath)), line: 1, column: 1 };
      const message =
        `the page ${url} has no Content-Security-Policy in its <head> that allows only the site's own scripts` +
        `${typeof layout === "string" ? ` (layout "${layout}")` : ""}: every page needs a layout built on _includes/layouts/base.html, which carries it`;
      return finding("page-policy", "error", at, message);
    });
}
