import { type Redirect, redirectsOf } from "../../model/redirects.ts";
import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import type { Finding } from "../finding.ts";
import { checkDataFiles } from "./data-files.ts";
import { frontMatterErrors, frontMatterWarnings, layoutNames, schemaSiteOf } from "./front-matter.ts";
import { checkIpAddresses } from "./ip-addresses.ts";
import { checkJekyllSite } from "./jekyll-site.ts";
import { checkLayouts } from "./layouts.ts";
import { checkMojibake } from "./mojibake.ts";
import { checkOutputPaths, redirectKey } from "./output-paths.ts";
import { checkSiteSettings } from "./site-settings.ts";
import { checkTextEncoding } from "./text-encoding.ts";
import { checkUnbalancedHtml } from "./unbalanced-html.ts";
import { checkUnreadFiles } from "./unread-files.ts";

/**
 * The source checks: rules on the site model alone, before anything renders. Besides their
 * findings they decide what the build may render: a page that cannot (broken front matter, a
 * taken URL) is left out, so the others still render and report their own mistakes; a redirect
 * that would replace something is not written; and when the data or the settings can't be used,
 * nothing is rendered at all (every page would only report the consequences).
 */
export interface SourceVerdict {
  findings: Finding[];
  /** The pages to render, in path order. */
  pages: SourcePage[];
  /** The redirects to write. */
  redirects: Redirect[];
  /** Whether anything can be rendered. */
  renderable: boolean;
}

export function checkSource(model: SiteModel): SourceVerdict {
  const dataFindings = [...checkDataFiles(model), ...checkSiteSettings(model)];
  const layouts = layoutNames(model);
  const site = schemaSiteOf(model);
  const pageErrors = new Map(model.pages.map((page) => [page, frontMatterErrors(page, layouts, site)]));
  const outputPaths = checkOutputPaths(model);
  const layoutCheck = checkLayouts(model);
  const ipFindings = checkIpAddresses(model);
  const findings = [
    ...checkUnreadFiles(model),
    ...dataFindings,
    ...[...pageErrors.values()].flat(),
    ...model.pages.flatMap((page) => frontMatterWarnings(page, site)),
    ...checkJekyllSite(model),
    ...outputPaths.findings,
    ...layoutCheck.findings,
    ...ipFindings,
    ...checkMojibake(model),
    ...checkTextEncoding(model),
    ...checkUnbalancedHtml(model),
  ];
  const skipped = new Set([
    ...model.pages.filter((page) => pageErrors.get(page)!.some((found) => found.check !== "redirects")),
    ...outputPaths.skippedPages,
    ...layoutCheck.unrenderablePages,
  ]);
  const skippedFiles = new Set([...skipped].map((page) => page.file));
  const redirects = redirectsOf(model).filter(
    (redirect) => !skippedFiles.has(redirect.source) && !outputPaths.refusedRedirects.has(redirectKey(redirect.source, redirect.from)),
  );
  // Pages read the IP data through filters that refuse bad entries: rendering would only repeat it.
  const renderable = dataFindings.length === 0 && !ipFindings.some((found) => found.severity === "error");
  return { findings, pages: model.pages.filter((page) => !skipped.has(page)), redirects, renderable };
}
