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
  if (model.kind === "jekyll") return jekyllLayoutPolicies(model, pages);
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

/**
 * A Jekyll site's own layouts were written without this site's policy, and the site must build
 * unchanged: one warning per layout (not per page), at the layout, saying how many pages lack it.
 */
function jekyllLayoutPolicies(model: SiteModel, pages: readonly OutputPage[]): Finding[] {
  const sources = new Map(model.pages.map((page) => [page.absolutePath, page]));
  const byLayout = new Map<string, number>();
  for (const page of pages.filter((output) => !output.hasPolicy)) {
    const layout = sources.get(path.resolve(page.inputPath))?.data?.layout;
    const named = typeof layout === "string" && layout !== "none" ? layout.replace(/\.html$/, "") : "";
    // A layout the site lacks was built without one (front-matter.ts).
    const name = model.layouts.some((candidate) => candidate.name === named) ? named : "";
    byLayout.set(name, (byLayout.get(name) ?? 0) + 1);
  }
  return [...byLayout].map(([name, count]) => {
    const layout = model.layouts.find((candidate) => candidate.name === name);
    const file = layout?.file ?? "_config.yml";
    const pagesText = `${count} page${count === 1 ? "" : "s"}`;
    const subject = name === "" ? `${pagesText} without a layout` : `layout "${name}" (${pagesText})`;
    return finding(
      "page-policy",
      "warning",
      { file, line: 1, column: 1 },
      `${subject} has no Content-Security-Policy meta tag in its <head>: its pages run whatever scripts their HTML holds; add one, or use the theme's layouts`,
    );
  });
}
