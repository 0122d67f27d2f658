import type { SourcePage } from "../../model/site-model.ts";
import { pageUrlProblem, pageUrlRulesOf } from "../../model/url-paths.ts";
import { nearest } from "../../support/nearest.ts";
import type { Finding } from "../finding.ts";
import { followsFormat, frontMatterErrors, jekyllFallbackLayout, layoutErrors, type SchemaSite } from "./front-matter.ts";

/**
 * Every finding in one run: a mistake in a page's layout name or front matter must not hide the
 * page's other mistakes (links, anchors, Liquid, raw HTML). Such a page renders for checking
 * only, as a copy with a layout that can render it: the layout its misspelt name was meant to be
 * (when its front matter fits it), or else the default layout, which renders the body and not the
 * tutorial's fields. Its error fails the run, so nothing rendered this way is ever published.
 * What truly can't render (front matter that does not parse, a URL that is not one) is left out,
 * and its finding says which checks did not run.
 */

export interface PagePlan {
  /** The page's front-matter errors (format, layout), the first saying how the page was checked. */
  findings: Finding[];
  /** What renders: the page, a copy of it for checking only, or nothing. */
  render?: SourcePage;
}

export const NOT_RENDERED = "The page was not rendered: its links, anchors and Liquid were not checked";
const FIELDS_NOT_RENDERED = "its front-matter fields were not rendered, so their links and Liquid were not checked";
/** The tutorial layout's fields: only it renders them. */
const TUTORIAL_FIELDS = ["intro", "requirements", "requirements-info", "steps", "next-steps"];
/** The layout a page renders with for checking when its own can't be used (Jekyll sites call theirs `default`). */
const DEFAULT_LAYOUTS = ["page", "default"];

/** A message with a sentence added. */
export function noted(message: string, note: string): string {
  return `${message}${/[.?!]$/.test(message) ? " " : ". "}${note}`;
}

/** `findings` with `note` added to the first error's message. */
export function withNote(findings: Finding[], note: string, first = findings.find((found) => found.severity === "error")): Finding[] {
  return findings.map((found) => (found === first ? { ...found, message: noted(found.message, note) } : found));
}

export function planPage(page: SourcePage, layouts: ReadonlySet<string>, site?: SchemaSite): PagePlan {
  const formatErrors = frontMatterErrors(page, undefined, site);
  const data = page.data;
  // A file too large to read has nothing to check.
  if (page.oversize !== undefined) return { findings: formatErrors };
  if (!data) return { findings: withNote(formatErrors, NOT_RENDERED) };
  const wrongLayout = layoutErrors(page, layouts, site);
  const blocking = formatErrors.filter((found) => found.severity === "error" && found.check !== "redirects");
  const findings = [...formatErrors, ...wrongLayout];
  if (blocking.length === 0 && wrongLayout.length === 0) return { findings, render: page };
  // A Jekyll site's missing layout is a warning (front-matter.ts): the page is built, with the fallback it names.
  if (blocking.length === 0 && site?.jekyll) {
    return { findings, render: { ...page, data: { ...data, layout: jekyllFallbackLayout(site, layouts) } } };
  }
  // A page is rendered at its URL: without a valid one there is nowhere to render it. (The
  // site's rule: schemaSiteOf's `jekyll` is the site's kind, as pageUrlRulesOf reads it.)
  if (
    (data.permalink !== undefined && typeof data.permalink !== "string") ||
    pageUrlProblem(page.url, pageUrlRulesOf({ kind: site?.jekyll ? "jekyll" : "native" }, page))
  )
    return { findings: withNote(findings, NOT_RENDERED) };

  const first = wrongLayout[0] ?? blocking[0];
  const declared = data.layout;
  const title = typeof data.title === "string" ? data.title : "";
  const checkingCopy = (layout: string): SourcePage => ({ ...page, data: { ...data, layout, title } });
  if (wrongLayout.length > 0 && typeof declared === "string") {
    const meant = nearest(
      declared,
      [...layouts].filter((name) => !name.includes(".")),
    );
    if (meant && followsFormat({ ...data, layout: meant }, site)) {
      return { findings: withNote(findings, `The page's other checks ran with layout "${meant}"`, first), render: checkingCopy(meant) };
    }
  }
  // A layout of its own that exists and is not the tutorial's renders the page as it is.
  if (wrongLayout.length === 0 && typeof declared === "string" && declared !== "tutorial") return { findings, render: checkingCopy(declared) };
  const fallback = DEFAULT_LAYOUTS.find((name) => layouts.has(name));
  if (!fallback) return { findings: withNote(findings, NOT_RENDERED, first) };
  const hasFields = TUTORIAL_FIELDS.some((key) => data[key] !== undefined);
  const note = `The page's other checks ran with the default layout "${fallback}"${hasFields ? `: ${FIELDS_NOT_RENDERED}` : ""}`;
  return { findings: withNote(findings, note, first), render: checkingCopy(fallback) };
}
