import { siteFilters } from "../../src/filters/index.ts";
import { GitHistory } from "../../src/frame/git-history.ts";
import { type JekyllEngineOptions, JekyllLiquid } from "../../src/jekyll/engine.ts";
import type { RenderLimits } from "../../src/jekyll/render-budget.ts";
import { createMarkdown } from "../../src/markdown/index.ts";
import { readSite } from "../../src/model/read-site.ts";

/** The Liquid engine a build of the site at `root` renders with (read now: a new build reads again). */
export function engineForSite(
  root: string,
  renderLimits?: Partial<RenderLimits>,
  options: Pick<JekyllEngineOptions, "errors" | "undefinedVariables" | "undefinedFilters"> = {},
): JekyllLiquid {
  const model = readSite(root);
  const filters = siteFilters({ root, settings: model.settings, markdown: createMarkdown(), history: GitHistory.none, jekyll: model.kind === "jekyll" });
  return new JekyllLiquid({ model, filters, renderLimits, ...options });
}
