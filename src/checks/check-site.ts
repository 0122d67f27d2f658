import { readdir } from "node:fs/promises";
import type { EleventyPageResult } from "@11ty/eleventy";
import path from "node:path";
import { buildSite, type BuildResult } from "../build/build-site.ts";
import { siteDirectories } from "../site/settings.ts";
import { checkDataFiles } from "./data-files.ts";
import { countBySeverity, isFailing, sortFindings, type Finding } from "./finding.ts";
import { frontMatterErrors, frontMatterWarnings, layoutNames } from "./front-matter.ts";
import { checkIpAddresses } from "./ip-addresses.ts";
import { liquidFindings } from "./liquid.ts";
import { checkLinks, checkRawSyntax } from "./links.ts";
import { checkMojibake } from "./mojibake.ts";
import { summarizePage, type OutputPage } from "./output-pages.ts";
import { duplicatePermalinks } from "./permalinks.ts";
import { loadSiteSource, type PageSource, type SiteSource } from "./site-source.ts";
import { installTemplateErrorCollector, TemplateErrorCollector } from "./template-errors.ts";

/**
 * `npm run check` and `npm run build`: one Eleventy run that checks everything and publishes
 * only a clean result.
 * 1. Source checks read the author's files: YAML, the tutorial format, permalinks, IP
 *    addresses, mojibake. Pages that cannot render (broken front matter, a taken permalink) are
 *    left out of the build, so the others still render and report their own mistakes.
 * 2. Eleventy builds into a staging folder, with every Liquid error recorded rather than fatal and
 *    each built page summarized (ids, links, leftover syntax) as it is written.
 * 3. The output checks resolve links, fragments and assets against what was built.
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
}

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

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join("/")];
    }),
  );
  return nested.flat();
}

/** Checks on the author's files alone; also says which pages the build must leave out. */
export function checkSources(source: SiteSource): { findings: Finding[]; skippedPages: PageSource[]; dataBroken: boolean } {
  const dataFindings = checkDataFiles(source);
  const layouts = layoutNames(source);
  const pageErrors = source.pages.map((page) => ({ page, errors: frontMatterErrors(page, layouts) }));
  const permalinks = duplicatePermalinks(source);
  const findings = [
    ...dataFindings,
    ...pageErrors.flatMap(({ errors }) => errors),
    ...source.pages.flatMap(frontMatterWarnings),
    ...permalinks.map((duplicate) => duplicate.finding),
    ...checkIpAddresses(source),
    ...checkMojibake(source),
  ];
  const skippedPages = new Set([...pageErrors.filter(({ errors }) => errors.length > 0).map(({ page }) => page), ...permalinks.map((d) => d.page)]);
  return { findings, skippedPages: [...skippedPages], dataBroken: dataFindings.length > 0 };
}

export async function checkSite(options: CheckSiteOptions): Promise<CheckSiteResult> {
  const dirs = siteDirectories(options.root, options.outputDir ?? "_site");
  const source = loadSiteSource(options.root, dirs);
  const sourceChecks = checkSources(source);
  const findings = [...sourceChecks.findings];
  let published = false;
  let timings: Record<string, number> = {};
  // A data file that does not parse leaves every page without its data: rendering would only
  // report the consequences. Fix it first.
  if (!sourceChecks.dataBroken) {
    const collector = new TemplateErrorCollector();
    const outputPages: OutputPage[] = [];
    let filterNames: string[] = [];
    const skippedUrls = new Set(sourceChecks.skippedPages.map((page) => page.url));
    try {
      const result: BuildResult = await buildSite({
        root: options.root,
        outputDir: dirs.output,
        publish: options.publish ?? false,
        configure(eleventyConfig, site) {
          // Eleventy keeps file contents in a process-wide cache; a check must see the files as
          // they are now, also on the next run in the same process (npm start, tests).
          eleventyConfig.setUseTemplateCache(false);
          // The findings are the report: Eleventy's own lines ("Wrote 32 files") would only get in
          // the way of them (and of --format json on stdout). Crashes still surface as errors.
          (eleventyConfig.logger as { overrideLogger?(logger: false): void } | undefined)?.overrideLogger?.(false);
          for (const page of sourceChecks.skippedPages) eleventyConfig.ignores.add(path.relative(process.cwd(), page.absolutePath));
          installTemplateErrorCollector(site.liquid, collector);
          filterNames = Object.keys(site.liquid.filters);
          // Eleventy hands over every page it wrote; each is parsed once, here, for all output checks.
          eleventyConfig.on("eleventy.after", ({ results }: { results: EleventyPageResult[] }) => {
            for (const page of results) {
              if (typeof page.outputPath === "string" && page.outputPath.endsWith(".html") && typeof page.url === "string") {
                outputPages.push(summarizePage(page.content, page.inputPath, page.url));
              }
            }
          });
        },
        stages: [
          {
            name: "checks",
            async run(context) {
              const files = new Set(await listFiles(context.stagingDir));
              findings.push(
                ...liquidFindings(collector.records, source, filterNames),
                ...checkLinks({ source, pages: outputPages, files, skippedUrls }),
                ...checkRawSyntax(source, outputPages),
              );
              if (isFailing(findings, options.strict)) throw new ChecksFailed();
            },
          },
        ],
      });
      timings = result.timings;
      published = options.publish ?? false;
    } catch (error) {
      if (!(error instanceof ChecksFailed)) throw error;
    }
  }
  const sorted = sortFindings(findings);
  return { findings: sorted, ...countBySeverity(sorted), published, timings };
}
