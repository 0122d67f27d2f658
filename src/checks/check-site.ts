import { buildSite, type BuildStage } from "../build/build-site.ts";
import type { ConfigureBuild } from "../build/eleventy.ts";
import { listFiles } from "../build/list-files.ts";
import { siteDirectories } from "../site/settings.ts";
import { BuildObserver } from "./build-observer.ts";
import { checkDataFiles } from "./data-files.ts";
import { countBySeverity, isFailing, sortFindings, type Finding } from "./finding.ts";
import { frontMatterErrors, frontMatterWarnings, layoutNames } from "./front-matter.ts";
import { checkIpAddresses } from "./ip-addresses.ts";
import { liquidFindings } from "./liquid.ts";
import { checkLinks } from "./links.ts";
import { checkRawHtml } from "./raw-html.ts";
import { checkRawSyntax } from "./raw-syntax.ts";
import { checkMojibake } from "./mojibake.ts";
import { duplicatePermalinks } from "./permalinks.ts";
import { loadSiteSource, type PageSource, type SiteSource } from "./site-source.ts";
import { checkStepTitles } from "./step-titles.ts";
import type { TemplateErrorCollector } from "./template-errors.ts";
import { checkTextEncoding } from "./text-encoding.ts";

/**
 * `npm run check` and `npm run build`: one Eleventy run that checks everything and publishes
 * only a clean result.
 * 1. Source checks read the author's files: YAML, the tutorial format, permalinks, IP
 *    addresses, mojibake, bytes that are not UTF-8, tags a step title leaves open. Pages that
 *    cannot render (broken front matter, a taken permalink) are left out of the build, so the
 *    others still render and report their own mistakes.
 * 2. Eleventy builds into a staging folder, with every Liquid error recorded rather than fatal and
 *    each built page summarized (ids, links, leftover syntax, raw HTML) as it is written.
 * 3. The output checks resolve links, fragments and assets against what was built, and report
 *    the raw HTML the content must not carry.
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

/** Checks on the author's files alone; also says which pages the build must leave out. */
export function checkSources(source: SiteSource): { findings: Finding[]; skippedPages: PageSource[]; dataBroken: boolean } {
  const dataFindings = checkDataFiles(source);
  const layouts = layoutNames(source);
  const pageErrors = source.pages.map((page) => ({ page, errors: frontMatterErrors(page, layouts) }));
  const permalinks = duplicatePermalinks(source);
  const ipFindings = checkIpAddresses(source);
  const findings = [
    ...dataFindings,
    ...pageErrors.flatMap(({ errors }) => errors),
    ...source.pages.flatMap(frontMatterWarnings),
    ...permalinks.map((duplicate) => duplicate.finding),
    ...ipFindings,
    ...checkMojibake(source),
    ...checkTextEncoding(source),
    ...checkStepTitles(source),
  ];
  const skippedPages = new Set([...pageErrors.filter(({ errors }) => errors.length > 0).map(({ page }) => page), ...permalinks.map((d) => d.page)]);
  // Pages read the IP data through filters that refuse bad entries: rendering would only repeat it.
  const dataBroken = dataFindings.length > 0 || ipFindings.some((found) => found.severity === "error");
  return { findings, skippedPages: [...skippedPages], dataBroken };
}

export async function checkSite(options: CheckSiteOptions): Promise<CheckSiteResult> {
  const dirs = siteDirectories(options.root, options.outputDir ?? "_site");
  const source = await loadSiteSource(options.root, dirs);
  const sourceChecks = checkSources(source);
  const findings = [...sourceChecks.findings];
  let published = false;
  let timings: Record<string, number> = {};
  // A data file that does not parse, or IP data the pages can't use, leaves every page without
  // its data: rendering would only report the consequences. Fix it first.
  if (!sourceChecks.dataBroken) {
    const observer = new BuildObserver(source.pages, sourceChecks.skippedPages);
    const skippedUrls = new Set(sourceChecks.skippedPages.map((page) => page.url));
    const outputChecks: BuildStage = {
      name: "checks",
      async run(context) {
        const files = new Set(await listFiles(context.stagingDir));
        findings.push(
          ...liquidFindings(observer.templateErrors.records, source, observer.filterNames),
          ...checkLinks({ source, pages: observer.outputPages, files, skippedUrls }),
          ...checkRawSyntax(source, observer.outputPages),
          ...checkRawHtml(source, observer.outputPages),
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
