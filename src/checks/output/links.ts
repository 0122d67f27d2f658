import { fileForUrlPath } from "../../model/served-files.ts";
import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { nearest } from "../../support/nearest.ts";
import { type Finding, finding, publishedAsIs } from "../finding.ts";
import { locateText } from "../locate-text.ts";
import type { OutputPage, PageReference } from "./page-summary.ts";

/**
 * Internal links, `#fragments`, images and assets of the built pages resolve to something that
 * was built. External links are not fetched (builds run offline and must be deterministic). One
 * that doesn't is an error in this repository's site and a warning in a Jekyll site.
 */

export interface LinkCheckInput {
  source: SiteModel;
  pages: OutputPage[];
  /** Every file of the built site, relative to the output folder. */
  files: ReadonlySet<string>;
  /** Jekyll URLs of pages left out of this build because of their own errors. */
  skippedUrls: ReadonlySet<string>;
  /** Drafts this build leaves out: a link to one leads nowhere on the published site. */
  drafts?: readonly SourcePage[];
}

const NOT_CHECKED = /^(?:mailto|tel|javascript|data|sms|ftp):/i;
const ORIGIN = "https://site.invalid";

interface Resolved {
  /** Path below the host: `/docs/common/x`. */
  pathname: string;
  fragment: string;
}

/** The site's own address: its host, and the path a Jekyll site's `url` may end in (`https://user.github.io/project`). */
interface SiteAddress {
  host: string | undefined;
  path: string;
}

function siteAddressOf(siteUrl: string): SiteAddress {
  try {
    const parsed = new URL(siteUrl);
    return { host: parsed.host, path: parsed.pathname.replace(/\/+$/, "") };
  } catch {
    return { host: undefined, path: "" };
  }
}

function resolve(url: string, pageUrl: string, site: SiteAddress): Resolved | undefined {
  const trimmed = url.trim();
  if (trimmed === "" || NOT_CHECKED.test(trimmed) || trimmed.startsWith("//")) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed, ORIGIN + pageUrl);
  } catch {
    return undefined;
  }
  if (parsed.origin !== ORIGIN && parsed.host !== site.host) return undefined;
  let pathname = parsed.pathname;
  if (parsed.origin !== ORIGIN && site.path !== "") {
    // An address of the site's own names its pages below the url's path; another path on that host is another site.
    if (pathname !== site.path && !pathname.startsWith(`${site.path}/`)) return undefined;
    pathname = pathname.slice(site.path.length) || "/";
  }
  let fragment = "";
  try {
    fragment = decodeURIComponent(parsed.hash.slice(1));
  } catch {
    fragment = parsed.hash.slice(1);
  }
  return { pathname, fragment };
}

/**
 * Resolving a URL with the URL parser costs far more than a map lookup, and pages repeat their
 * frame's links: a URL that does not depend on the page it is on (`/docs/x`, `https://...`,
 * `#id`) is resolved once per check run.
 */
class Resolver {
  private readonly absolute = new Map<string, Resolved | undefined>();
  private readonly fragments = new Map<string, string>();

  constructor(private readonly site: SiteAddress) {}

  resolve(url: string, pageUrl: string, page: PageBase | undefined): Resolved | undefined {
    if (url.startsWith("#") && page?.onSite) {
      // Only the fragment changes: the page's own path stays.
      let fragment = this.fragments.get(url);
      if (fragment === undefined) {
        fragment = resolve(url, "/", this.site)?.fragment ?? "";
        this.fragments.set(url, fragment);
      }
      return { pathname: page.pathname, fragment };
    }
    if (!page?.onSite || !PAGE_INDEPENDENT.test(url)) return resolve(url, pageUrl, this.site);
    if (this.absolute.has(url)) return this.absolute.get(url);
    const resolved = resolve(url, pageUrl, this.site);
    this.absolute.set(url, resolved);
    return resolved;
  }
}

/**
 * A path from the root, or a scheme followed by `//`: a page on the site only lends its origin,
 * which is the same for all. (Not `https:x`, which the URL parser reads relative to the page.)
 */
const PAGE_INDEPENDENT = /^(?:\/|[a-z][a-z0-9+.-]*:\/\/)/i;

/** A page's own URL, as links on it resolve against it. */
interface PageBase {
  pathname: string;
  /** Whether it is on the site's origin (a URL not starting with `/` could name another host). */
  onSite: boolean;
}

/** Undefined when the page's URL is no URL at all (then nothing resolves against it). */
function pageBaseOf(pageUrl: string): PageBase | undefined {
  try {
    const parsed = new URL(ORIGIN + pageUrl);
    return { pathname: parsed.pathname, onSite: parsed.origin === ORIGIN };
  } catch {
    return undefined;
  }
}

/**
 * What the author may have written for a reference: the URL as built, then as markdown-it and
 * the HTML parser changed it (`schéma.png` is built as `sch%C3%A9ma.png`, `a&amp;b` read as
 * `a&b`), then for a file its name alone (a path put together in Liquid or an include), then the
 * link's text or the image's alt text.
 */
function needlesFor(reference: PageReference, resolved: Resolved, baseurl: string): string[] {
  const withoutBase = (url: string) => (baseurl !== "" && url.startsWith(baseurl) ? url.slice(baseurl.length) : url);
  const escaped = (text: string) => [text, text.replace(/&/g, "&amp;")];
  const urls = [reference.url, decodedUrl(reference.url)];
  const needles = urls.flatMap((url) => [...escaped(url), ...escaped(withoutBase(url))]);
  if (resolved.fragment) needles.push(`#${resolved.fragment}`);
  const name = decodedUrl(resolved.pathname).split("/").pop() ?? "";
  if (reference.kind !== "link" && /\.[a-z0-9]+$/i.test(name)) needles.push(...escaped(name));
  if (reference.text) needles.push(`[${reference.text}]`, `alt="${reference.text}"`, `alt='${reference.text}'`);
  return [...new Set(needles)];
}

function decodedUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** The file a page's URL is written to: `/guide/` is `guide/index.html`, `/` is `index.html`. */
const outputFileOf = (url: string) => url.replace(/^\/+/, "").replace(/(^|\/)$/, "$1index.html");

export function checkLinks({ source, pages, files, skippedUrls, drafts = [] }: LinkCheckInput): Finding[] {
  const { baseurl } = source.settings;
  const resolver = new Resolver(siteAddressOf(source.settings.url));
  const pagesByFile = new Map<string, OutputPage>();
  for (const page of pages) pagesByFile.set(outputFileOf(page.url), page);
  const sourceByPath = new Map(source.pages.map((page) => [page.absolutePath, page]));
  const pageUrls = [...new Set(source.pages.map((page) => `${baseurl}${page.url}`))];
  const draftsByUrl = new Map(drafts.map((page) => [page.url, page]));
  // Many pages link to the same few hundred paths.
  const filesByPath = new Map<string, string | undefined>();
  const fileFor = (pathname: string) => {
    if (filesByPath.has(pathname)) return filesByPath.get(pathname);
    const file = fileForUrlPath(files, pathname);
    filesByPath.set(pathname, file);
    return file;
  };
  const findings: Finding[] = [];
  // Jekyll publishes a broken link as it is.
  const severity = publishedAsIs(source);

  for (const page of pages) {
    const pageSource = sourceByPath.get(page.inputPath);
    const pageBase = pageBaseOf(page.url);
    const reported = new Set<string>();
    for (const reference of page.references) {
      const resolved = resolver.resolve(reference.url, page.url, pageBase);
      if (!resolved) continue;
      const problem = problemWith(reference, resolved, page, pageBase?.pathname);
      if (!problem || reported.has(reference.url)) continue;
      reported.add(reference.url);
      const { at, inPage } = locateText(source, pageSource, needlesFor(reference, resolved, baseurl));
      const from = inPage || !pageSource ? "" : ` (on ${pageSource.file})`;
      findings.push(finding("links", severity, at, problem + from));
    }
  }
  return findings;

  function problemWith(reference: PageReference, resolved: Resolved, page: OutputPage, pagePathname: string | undefined): string | undefined {
    const { pathname, fragment } = resolved;
    const shown = `"${reference.url}"`;
    const samePage = pathname === pagePathname;
    const inSite = baseurl === "" || pathname === baseurl || pathname.startsWith(`${baseurl}/`);
    const file = samePage ? outputFileOf(page.url) : inSite ? fileFor(pathname) : undefined;
    if (!file) {
      const jekyllUrl = inSite ? pathname.slice(baseurl.length) || "/" : pathname;
      if (inSite && skippedUrls.has(jekyllUrl.replace(/\.html$/, ""))) return undefined;
      const draft = inSite && reference.kind === "link" ? draftsByUrl.get(jekyllUrl.replace(/\.html$/, "")) : undefined;
      if (draft) {
        return `link ${shown} leads to a draft: ${draft.file} has \`published: false\`, so it is not built. Publish it (remove that line from its front matter), or remove the link until it is published; \`--drafts\` builds drafts for a preview`;
      }
      const what = reference.kind === "link" ? `link ${shown} resolves to no page` : `${reference.kind} ${shown} does not exist`;
      if (!inSite && fileForUrlPath(files, `${baseurl}${pathname}`)) {
        return `${what}: the path lacks the base URL "${baseurl}"; write {{ site.baseurl }}${pathname} or use | relative_url`;
      }
      const suggestion = reference.kind === "link" ? nearest(pathname, pageUrls) : undefined;
      return suggestion ? `${what}; did you mean "${suggestion}"?` : what;
    }
    if (fragment === "" || !file.endsWith(".html")) return undefined;
    const target = pagesByFile.get(file);
    if (!target || target.ids.has(fragment)) return undefined;
    const hint = nearest(fragment, target.ids);
    const where = samePage ? "this page" : `page "${target.url.replace(/\.html$/, "")}"`;
    return `link ${shown}: ${where} has no element with id "${fragment}"${hint ? `; did you mean "#${hint}"?` : ""}`;
  }
}
