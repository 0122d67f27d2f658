import type { TemplateErrorRecord } from "../../jekyll/template-errors.ts";
import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import type { UnreadableImage } from "../../publish/images.ts";
import type { Finding } from "../finding.ts";
import { checkImageAlt } from "./image-alt.ts";
import { checkLinks } from "./links.ts";
import { liquidFindings } from "./liquid.ts";
import { checkPagePolicies } from "./page-csp.ts";
import type { OutputPage } from "./page-summary.ts";
import { checkRawHtml } from "./raw-html.ts";
import { checkRawSyntax } from "./raw-syntax.ts";
import { checkUnreadableImages } from "./unreadable-images.ts";

/**
 * The output checks: rules on what the render stage built (each page's summary, taken as it was
 * written; the files of the build's folder; the Liquid errors the engine recorded), reported in
 * the author's files. Links, fragments and assets resolve to something built; no Liquid or
 * kramdown syntax reached a page as text; no raw HTML the content must not carry; every page
 * carries the Content-Security-Policy; every image has alt text and can be read.
 */

export interface BuiltSite {
  /** Each HTML page's summary, in the order the pages were written. */
  pages: readonly OutputPage[];
  /** Every file of the build's folder, relative to it. */
  files: ReadonlySet<string>;
  templateErrors: readonly TemplateErrorRecord[];
  /** The filters templates may use (for "did you mean" suggestions). */
  filterNames: readonly string[];
  /** The pages the source checks left out of the build (a link to one is reported with it, not here). */
  skippedPages: readonly SourcePage[];
  /** The drafts this build left out (a link to one is an error that says so). */
  drafts?: readonly SourcePage[];
  /** Site images the build could not read. */
  unreadableImages?: readonly UnreadableImage[];
}

export function checkOutput(model: SiteModel, built: BuiltSite): Finding[] {
  const pages = [...built.pages];
  return [
    ...liquidFindings([...built.templateErrors], model, [...built.filterNames]),
    ...checkLinks({ source: model, pages, files: built.files, skippedUrls: new Set(built.skippedPages.map((page) => page.url)), drafts: built.drafts ?? [] }),
    ...checkRawSyntax(model, pages),
    ...checkRawHtml(model, pages),
    ...checkPagePolicies(model, pages),
    ...checkImageAlt(model, pages),
    ...checkUnreadableImages(model, built.unreadableImages ?? []),
  ];
}
