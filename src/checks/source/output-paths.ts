import { hasMarkdownCopy, llmsTxtPath, markdownCopyPathFor, ownMachineFiles, ROBOTS_TXT_PATH, sitemapPath } from "../../model/machine-files.ts";
import { asList, makesRedirects } from "../../model/redirects.ts";
import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { pageUrlProblem, pageUrlRulesOf, urlPathProblem } from "../../model/url-paths.ts";
import { outputFileFor } from "../../model/urls.ts";
import { locationOfPath } from "../../model/yaml-positions.ts";
import { type Finding, finding, type Location } from "../finding.ts";
import { NOT_RENDERED, noted } from "./render-plan.ts";

/**
 * Every file the build writes, and who claims it: the generated files (sitemap, robots.txt,
 * `_redirects`, llms.txt), the search index's folder, the assets copied from content/assets/,
 * each page at its URL and its Markdown copy beside it (src/model/machine-files.ts), each
 * `redirect_from` entry at its old URL. One map of output path -> first claimant,
 * checked before anything is built, so that nothing silently replaces anything else: a page
 * that would replace site.js, a redirect over a page, two pages at one URL. Paths are compared
 * as files (`/x` and `/x.html` are one page), ignoring letter case (macOS and Windows file
 * systems would make them one file), and as folders (`/assets/site.js/x` needs a folder where
 * site.js is a file).
 *
 * What comes first keeps its path: generated files, the search index and assets, then pages in
 * path order, then redirects (a page's URL is never taken by another page's old URL). A page
 * that loses is left out of the build, a redirect is not written. Also refused here: a page
 * without a permalink whose file name is not a valid URL path (url-paths.ts).
 */

export interface OutputPathVerdicts {
  findings: Finding[];
  /** Pages that must not be built (their path is taken, or their file name is not a URL). */
  skippedPages: SourcePage[];
  /** Redirects that must not be written, by page file and old URL (see RefusedRedirects). */
  refusedRedirects: RefusedRedirects;
}

/** `redirect_from` entries the build leaves out, as redirectKey(page file, old URL). */
export type RefusedRedirects = ReadonlySet<string>;

export const redirectKey = (source: string, from: string) => `${source} ${from}`;

interface Claim {
  /** The output path as claimed, with the base URL: `/docs/common/x.html`. */
  path: string;
  /** Who claims it, for the message of whoever comes later: `the URL of content/x.md`. */
  owner: string;
  /** A folder claimed whole (the search index's): nothing else may be written into it. */
  folder?: boolean;
  /** A `redirect_from` entry's (a later one is told that an old URL leads to one page only). */
  redirect?: boolean;
  /** A page's URL (two pages of a Jekyll site at one URL are Jekyll's "Conflict": a warning). */
  page?: boolean;
}

/** The claims of what the build writes besides pages and redirects. */
function builtInClaims(source: SiteModel): Claim[] {
  const { baseurl } = source.settings;
  const own = ownMachineFiles(source);
  return [
    ...(own.sitemap ? [] : [{ path: sitemapPath(baseurl), owner: "the sitemap, which the build writes" }]),
    ...(own.robots ? [] : [{ path: ROBOTS_TXT_PATH, owner: "robots.txt, which the build writes" }]),
    { path: "/_redirects", owner: "the _redirects file, which the build writes" },
    { path: llmsTxtPath(baseurl), owner: "llms.txt, which the build writes" },
    { path: `${baseurl}/pagefind`, owner: "the search index's folder", folder: true },
    ...source.assets.map((asset) => ({ path: `${baseurl}/${asset.output}`, owner: `the asset ${asset.file}` })),
  ];
}

/** Output paths and the folders they need, compared ignoring letter case. */
class OutputMap {
  private readonly taken = new Map<string, Claim>();
  /** Each folder the claimed files need, with the first claim that needs it. */
  private readonly folders = new Map<string, Claim>();

  /** Claims `claim.path`; or, when something has it already, what it runs into (the end of a sentence). */
  claim(claim: Claim): { clash: string; with: Claim } | undefined {
    const key = claim.path.toLowerCase();
    const same = this.taken.get(key);
    if (same) {
      const clash =
        same.path === claim.path ? `is already ${same.owner}` : `differs only in letter case from ${same.path}, ${same.owner} (one file on macOS and Windows)`;
      return { clash, with: same };
    }
    const needing = this.folders.get(key);
    if (needing) return { clash: `is a folder of ${needing.owner} (${needing.path})`, with: needing };
    for (const folder of ancestors(key)) {
      const holder = this.taken.get(folder);
      if (holder)
        return {
          clash: holder.folder ? `lies in ${holder.path}/, ${holder.owner}` : `would be written inside ${holder.path}, which is ${holder.owner}`,
          with: holder,
        };
    }
    this.taken.set(key, claim);
    for (const folder of ancestors(key)) if (!this.folders.has(folder)) this.folders.set(folder, claim);
    return undefined;
  }
}

/** `/docs/common/x.html` -> `/docs`, `/docs/common`. */
function ancestors(path: string): string[] {
  const parts = path.split("/").slice(1, -1);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}`);
}

export function checkOutputPaths(source: SiteModel): OutputPathVerdicts {
  const findings: Finding[] = [];
  const skippedPages: SourcePage[] = [];
  const refusedRedirects = new Set<string>();
  const { baseurl } = source.settings;
  const outputs = new OutputMap();
  for (const claim of builtInClaims(source)) outputs.claim(claim);
  const error = (location: Location, message: string) => findings.push(finding("permalinks", "error", location, message));

  // A page without front matter, or whose front matter does not parse, is refused by the front-matter check.
  const pages = source.pages.filter((page) => page.frontMatter && page.data);
  for (const page of pages) {
    const permalink = page.data!.permalink;
    // The schema reports a permalink that is not a valid URL path (or not text); a Jekyll site's
    // permalink is a pattern, so the URL it gives is checked here.
    const pattern = source.kind === "jekyll";
    if (!pattern && permalink !== undefined && (typeof permalink !== "string" || pageUrlProblem(permalink))) continue;
    // Without a permalink, the URL comes from the file's name: the finding goes to its first line.
    // (Located only when needed: locating parses the front matter again.)
    const location = () => (permalink === undefined ? { file: page.file, line: 1, column: 1 } : locationOfPath(page.frontMatter!, ["permalink"]));
    // A Jekyll site's URLs are Jekyll's: a category or title that needs it is percent-encoded (permalinks.ts).
    const problem = permalink === undefined || pattern ? pageUrlProblem(page.url, pageUrlRulesOf(source, page)) : undefined;
    if (problem) {
      const origin = permalink === undefined ? "this page's file name gives it" : `permalink ${JSON.stringify(permalink)} gives`;
      const advice = permalink === undefined ? "Rename the file, or give the page a permalink" : "Change the permalink";
      error(location(), noted(`${origin} the URL ${JSON.stringify(page.url)}, which is not a valid URL path: ${problem}. ${advice}`, NOT_RENDERED));
      skippedPages.push(page);
      continue;
    }
    const subject = permalink === undefined ? `this page's URL "${page.url}" (from its file name)` : `permalink "${page.url}"`;
    const outputFile = outputFileFor(page.url, baseurl);
    const taken = outputs.claim({ path: outputFile, owner: `the URL of ${page.file}`, page: true });
    const copyPath = markdownCopyPathFor(page.url, baseurl);
    const copyFile = outputFile.replace(/\.html$/i, ".md");
    const copyTaken =
      taken || !hasMarkdownCopy(page.data, page.url) ? undefined : outputs.claim({ path: copyFile, owner: `the Markdown copy of ${page.file}` });
    if (!taken && !copyTaken) continue;
    if (taken?.with.page && source.kind === "jekyll" && taken.with.path === outputFile) {
      // Jekyll warns ("Conflict") and writes whichever of the two it writes last, an order its reads don't fix.
      const kept = `${taken.with.owner.replace(/^the URL of /, "")} is built, this page is not`;
      findings.push(
        finding(
          "permalinks",
          "warning",
          location(),
          `${subject} ${taken.clash}: Jekyll writes only one of the two as well; here ${kept}. Give one of them another permalink`,
        ),
      );
    } else if (taken) error(location(), noted(`${subject} ${taken.clash}: give the page another permalink`, NOT_RENDERED));
    else error(location(), noted(`${subject} has its Markdown copy at ${copyPath}, which ${copyTaken!.clash}: give the page another permalink`, NOT_RENDERED));
    skippedPages.push(page);
  }

  // Without jekyll-redirect-from a Jekyll site's redirect_from makes nothing (jekyll-site.ts says so).
  for (const page of makesRedirects(source) ? pages : []) {
    const entries = page.data!.redirect_from;
    asList(entries).forEach((from, index) => {
      // The schema reports entries that are not valid URL paths.
      if (typeof from !== "string" || urlPathProblem(from)) return;
      const refuse = (message: string) => {
        const location = locationOfPath(page.frontMatter!, Array.isArray(entries) ? ["redirect_from", index] : ["redirect_from"]);
        error(location, `redirect_from "${from}" ${message}`);
        refusedRedirects.add(redirectKey(page.file, from));
      };
      if (from === page.url) return refuse("is the page's own URL: remove it");
      const taken = outputs.claim({ path: outputFileFor(from, baseurl), owner: `the redirect_from of ${page.file}`, redirect: true });
      if (!taken) return;
      refuse(
        `${taken.clash}: ${taken.with.redirect ? "an old URL can lead to one page only" : "remove it, since a redirect must not replace a page or a file of the site"}`,
      );
    });
  }
  return { findings, skippedPages, refusedRedirects };
}
