import { type Redirect, redirectsOf } from "../../model/redirects.ts";
import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { writesHtml } from "../../model/urls.ts";
import type { Finding } from "../finding.ts";
import { checkDataFiles } from "./data-files.ts";
import { frontMatterWarnings, layoutNames, schemaSiteOf } from "./front-matter.ts";
import { checkIpAddresses } from "./ip-addresses.ts";
import { checkJekyllSite } from "./jekyll-site.ts";
import { checkLayouts } from "./layouts.ts";
import { checkMojibake } from "./mojibake.ts";
import { checkOutputPaths, redirectKey } from "./output-paths.ts";
import { checkPlaceholders } from "./placeholders.ts";
import { planPage } from "./render-plan.ts";
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
  /**
   * The pages to render, in path order: a page with a mistake in its layout name or front matter
   * as a copy for checking only (render-plan.ts), which its error keeps from being published.
   */
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
  const plans = model.pages.map((page) => planPage(page, layouts, site));
  const outputPaths = checkOutputPaths(model);
  const layoutCheck = checkLayouts(model);
  const ipFindings = checkIpAddresses(model);
  const findings = [
    ...checkUnreadFiles(model),
    ...dataFindings,
    ...plans.flatMap((plan) => plan.findings),
    ...model.pages.flatMap((page) => frontMatterWarnings(page, site)),
    ...checkJekyllSite(model),
    ...outputPaths.findings,
    ...layoutCheck.findings,
    ...ipFindings,
    ...checkMojibake(model),
    ...checkTextEncoding(model),
    // A Jekyll site's `search.json` or `app.js` holds HTML in strings, not as its markup.
    ...checkUnbalancedHtml(model.pages.flatMap((page, i) => (writesHtml(page.url) ? [plans[i]!.render ?? page] : []))),
    ...checkPlaceholders(model),
  ];
  const skipped = new Set([...model.pages.filter((_, i) => plans[i]!.render === undefined), ...outputPaths.skippedPages, ...layoutCheck.unrenderablePages]);
  // A page rendered for checking only (render-plan.ts) gets no redirects.
  const checkingOnly = model.pages.filter((page, i) => plans[i]!.render !== page);
  const skippedFiles = new Set([...skipped, ...checkingOnly].map((page) => page.file));
  const redirects = redirectsOf(model).filter(
    (redirect) => !skippedFiles.has(redirect.source) && !outputPaths.refusedRedirects.has(redirectKey(redirect.source, redirect.from)),
  );
  // Pages read the IP data through filters that refuse bad entries: rendering would only repeat it.
  const renderable = !dataFindings.some((found) => found.severity === "error") && !ipFindings.some((found) => found.severity === "error");
  const pages = model.pages.flatMap((page, i) => (skipped.has(page) ? [] : [plans[i]!.render!]));
  return { findings, pages, redirects, renderable };
}
