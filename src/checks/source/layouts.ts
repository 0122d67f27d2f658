import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import type { Finding } from "../finding.ts";
import { oversizeFinding } from "./front-matter.ts";

/**
 * Layouts the build can't hold (over the source size limit): reported at the layout, once, and
 * the pages that use one are left out of the render (each would only repeat it).
 */

export function checkLayouts(model: SiteModel): { findings: Finding[]; unrenderablePages: SourcePage[] } {
  const oversize = model.layouts.filter((layout) => layout.oversize !== undefined);
  if (oversize.length === 0) return { findings: [], unrenderablePages: [] };
  const names = new Set(oversize.flatMap((layout) => [layout.name, layout.file.slice(layout.file.lastIndexOf("/") + 1)]));
  return {
    findings: oversize.map((layout) => oversizeFinding(layout, "layout")),
    unrenderablePages: model.pages.filter((page) => typeof page.data?.layout === "string" && names.has(page.data.layout)),
  };
}
