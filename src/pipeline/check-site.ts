import { buildSite, type BuildStage } from "./build-site.ts";
import type { ConfigureBuild } from "../render/run-eleventy.ts";
import { listFiles } from "../model/files.ts";
import { siteDirectories } from "../model/settings.ts";
import { BuildObserver } from "./build-observer.ts";
import { checkDataFiles } from "../checks/source/data-files.ts";
import { checkDataNames } from "../checks/source/data-names.ts";
import { countBySeverity, isFailing, sortFindings, type Finding } from "../checks/finding.ts";
import { frontMatterErrors, frontMatterWarnings, layoutNames } from "../checks/source/front-matter.ts";
import { checkIpAddresses } from "../checks/source/ip-addresses.ts";
import { liquidFindings } from "../checks/output/liquid.ts";
import { checkLinks } from "../checks/output/links.ts";
import { checkRawHtml } from "../checks/output/raw-html.ts";
import { checkRawSyntax } from "../checks/output/raw-syntax.ts";
import { checkMojibake } from "../checks/source/mojibake.ts";
import { checkOutputPaths, redirectKey, type RefusedRedirects } from "../checks/source/output-paths.ts";
import { PagePolicyCheck } from "../checks/output/page-csp.ts";
import { loadSiteSource, type PageSource, type SiteSource } from "../model/read-site.ts";
import { checkUnbalancedHtml } from "../checks/source/unbalanced-html.ts";
import type { TemplateErrorCollector } from "../jekyll/template-errors.ts";
import { checkTextEncoding } from "../model/text-encoding.ts";
import { checkSiteSettings } from "../checks/source/site-settings.ts";
import { checkUnreadFiles } from "../checks/source/unread-files.ts";

/**
 * `npm run check` and `npm run build`: one Eleventy run that checks everything and publishes
 * only a clean result.
 * 1. Source checks read the author's files: files the build must not read (links out of the
 *    site), YAML, the tutorial format, every output path and who claims it, IP addresses,
 *    mojibake, bytes that are not UTF-8, tags a step title leaves open. Pages that cannot
 *    render (broken front matter, a taken permalink) and redirects that would replace something
 *    are left out of the build, so the others still render and report their own mistakes.
 * 2. Eleventy builds into a staging folder, with every Liquid error recorded rather than fatal and
 *    each built page summarized (ids, links, leftover syntax, raw HTML) as it is written.
 * 3. The output checks resolve links, fragments and assets against what was built, report the
 *    raw HTML the content must not carry, and make sure every page carries the
 *    Content-Security-Policy.
 * Errors (or, with `strict`, warnings) stop the build before the swap: the published site stays
 * as it was. Findings come back sorted by file and line.
 */
export interface CheckSiteOptions {
  root: string;
  /** Default `<root>/_site`. */
  outputDir?: string;
  /** Replace the published site when the checks pass (`npm run build`); default false. */
  publish?: boolean;
  /** Warnings fail too. */
  strict?: boolean;
  /** More wiring for the build, after the checks' own (npm start's fast path records pages). */
  configure?: ConfigureCheckedBuild;
}

/** ConfigureBuild, with the build's record of Liquid errors. */
export type ConfigureCheckedBuild = (...args: [...Parameters<ConfigureBuild>, templateErrors: TemplateErrorCollector]) => void;

export interface CheckSiteResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Whether the output folder was replaced by this run's build. */
  published: boolean;
  /** Milliseconds per stage, when the site was built. */
  timings: Record<string, number>;
}

class ChecksFailed extends Error {
  constructor() {
    super("the checks found errors");
  }
}

export interface SourceVerdicts {
  findings: Finding[];
  /** Pages the build must leave out. */
  skippedPages: PageSource[];
  /** `redirect_from` entries the build must not write (besides those of skipped pages). */
  refusedRedirects: RefusedRedirects;
  /** Nothing can be built: the data, the site's settings or an include can't be used. */
  unbuildable: boolean;
}

/** Checks on the author's files alone; also says which pages and redirects the build must leave out. */
export function checkSources(source: SiteSource): SourceVerdicts {
  const unread = checkUnreadFiles(source);
  const dataFindings = [...checkDataFiles(source), ...checkDataNames(source), ...checkSiteSettings(source)];
  const layouts = layoutNames(source);
  const pageErrors = source.pages.map((page) => ({ page, errors: frontMatterErrors(page, layouts) }));
  const outputPaths = checkOutputPaths(source);
  const ipFindings = checkIpAddresses(source);
  const findings = [
    ...unread.findings,
    ...dataFindings,
    ...pageErrors.flatMap(({ errors }) => errors),
    ...source.pages.flatMap(frontMatterWarnings),
    ...outputPaths.findings,
    ...ipFindings,
    ...checkMojibake(source),
    ...checkTextEncoding(source),
    ...checkUnbalancedHtml(source),
  ];
  const skippedPages = new Set([...pageErrors.filter(({ errors }) => errors.length > 0).map(({ page }) => page), ...outputPaths.skippedPages]);
  // Pages read the IP data through filters that refuse bad entries: rendering would only repeat
  // it. An include or data file the build must not read stops it before anything reads one.
  const unbuildable = dataFindings.length > 0 || ipFindings.some((found) => found.severity === "error") || unread.blocksBuild;
  return { findings, skippedPages: [...skippedPages], refusedRedirects: outputPaths.refusedRedirects, unbuildable };
}

export async function checkSite(options: CheckSiteOptions): Promise<CheckSiteResult> {
  const dirs = siteDirectories(options.root, options.outputDir ?? "_site");
  const source = await loadSiteSource(options.root, dirs);
  const sourceChecks = checkSources(source);
  const findings = [...sourceChecks.findings];
  let published = false;
  let timings: Record<string, number> = {};
  // A data file that does not parse, or IP data the pages can't use, leaves every page without
  // its data: rendering would only report the consequences. Fix it first. (So does an include
  // or data file that must not be read: see unread-files.ts.)
  if (!sourceChecks.unbuildable) {
    const observer = new BuildObserver(source.pages, sourceChecks.skippedPages);
    const pagePolicy = new PagePolicyCheck();
    const skippedUrls = new Set(sourceChecks.skippedPages.map((page) => page.url));
    const skippedFiles = new Set(sourceChecks.skippedPages.map((page) => page.file));
    const outputChecks: BuildStage = {
      name: "checks",
      async run(context) {
        const files = new Set(await listFiles(context.stagingDir));
        findings.push(
          ...liquidFindings(observer.templateErrors.records, source, observer.filterNames),
          ...checkLinks({ source, pages: observer.outputPages, files, skippedUrls }),
          ...checkRawSyntax(source, observer.outputPages),
          ...checkRawHtml(source, observer.outputPages),
          ...pagePolicy.findings(source),
        );
        if (isFailing(findings, options.strict)) throw new ChecksFailed();
      },
    };
    try {
      const publish = options.publish ?? false;
      // A published build gets its search index (built with the pages, published only if the checks pass).
      const stages = [outputChecks];
      const configure: ConfigureBuild = (eleventyConfig, site) => {
        observer.configure(eleventyConfig, site);
        pagePolicy.configure(site);
        site.redirects.leaveOut(
          (redirect) => skippedFiles.has(redirect.source) || sourceChecks.refusedRedirects.has(redirectKey(redirect.source, redirect.from)),
        );
        options.configure?.(eleventyConfig, site, observer.templateErrors);
      };
      const result = await buildSite({ root: options.root, outputDir: dirs.output, publish, configure, stages, searchIndex: publish });
      timings = result.timings;
      published = publish;
    } catch (error) {
      if (!(error instanceof ChecksFailed)) throw error;
    }
  }
  const sorted = sortFindings(findings);
  return { findings: sorted, ...countBySeverity(sorted), published, timings };
}
