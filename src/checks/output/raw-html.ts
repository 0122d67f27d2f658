import type { SiteModel, SourcePage } from "../../model/site-model.ts";
import { siteHostOf } from "../../model/urls.ts";
import { type Finding, finding, type Location, type Severity } from "../finding.ts";
import { htmlSpellings, locateText, type Needle } from "../locate-text.ts";
import type { OutputPage } from "./page-summary.ts";
import { type RawHtmlHit, urlAsBrowsersRead } from "./raw-html-scan.ts";

/**
 * Raw HTML in content that the site must not publish (see raw-html-scan.ts), reported where the
 * author wrote it. Errors: what runs script (`<script>`, event handlers, `javascript:` URLs) and
 * what takes the page or its links elsewhere (`<base>`, `<meta http-equiv="refresh">`,
 * `<iframe srcdoc>`); the page's Content-Security-Policy blocks scripts, but content that asks
 * for them is a mistake or an attack either way, and the policy is one line of the layout.
 * Warnings: what the policy blocks (files from other sites, plugins, forms sending elsewhere),
 * so that the author learns why that part of the page shows nothing.
 *
 * A Jekyll site read with `--source` must build unchanged, and Jekyll publishes a page's own
 * `<script>`: there it is a warning at its line (as a layout without the policy is, page-csp.ts).
 */

const ORIGIN = "https://site.invalid";
const POLICY = "the page's Content-Security-Policy";
const NO_SCRIPTS = `pages may not run scripts of their own (${POLICY} blocks inline ones, and the layout loads the site's scripts)`;

function shown(value: string, max = 60): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}...` : flat);
}

/** The host a URL loads from, when it is not this site (undefined: this site, or not a URL). */
function otherHost(url: string, pageUrl: string, siteHost: string | undefined): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(urlAsBrowsersRead(url), ORIGIN + pageUrl);
  } catch {
    return undefined;
  }
  if (parsed.origin === ORIGIN || (siteHost !== undefined && parsed.host === siteHost)) return undefined;
  return parsed.host || `a ${parsed.protocol} URL`;
}

interface Judged {
  severity: Severity;
  message: string;
  /** What to look for in the author's files, most telling first. */
  needles: Needle[];
  /** What to look for when none of `needles` is anywhere (an attribute put together in Liquid, say). */
  fallback: Needle[];
}

/** Where a page is judged: its URL, the site's host, whether the site is a Jekyll site, whether the page carries the policy. */
interface PageContext {
  url: string;
  siteHost: string | undefined;
  jekyllSite: boolean;
  hasPolicy: boolean;
}

/** A Jekyll site's `<script>`: kept, as Jekyll keeps it; whether it runs is the page's policy's to say. */
function jekyllScript(value: string, hasPolicy: boolean): Judged {
  const runs = hasPolicy
    ? value
      ? "the page's Content-Security-Policy lets it run only if it loads from this site"
      : "the page's Content-Security-Policy (the theme's layout) blocks inline scripts, so it does not run; move it into a file of the site and load it with <script src>"
    : "it runs as the site's own script (the page's layout has no Content-Security-Policy)";
  return {
    severity: "warning",
    message: `<script${value ? ` src=${shown(value)}` : ""}> in the page's content is published as Jekyll publishes it: ${runs}`,
    needles: [value],
    fallback: ["<script"],
  };
}

/**
 * What markdown writes for an aligned table column in a Jekyll site, as kramdown does
 * (table-alignment.ts): the cell's `align-` class keeps it aligned under the policy.
 */
const KRAMDOWN_ALIGNMENT = /^text-align: (left|center|right)$/;

function judge(hit: RawHtmlHit, page: PageContext): Judged | undefined {
  const { tag, attribute, value } = hit;
  const { url: pageUrl, siteHost } = page;
  switch (hit.kind) {
    case "script":
      if (page.jekyllSite) return jekyllScript(value, page.hasPolicy);
      return {
        severity: "error",
        message: `<script${value ? ` src=${shown(value)}` : ""}> in the page's content: ${NO_SCRIPTS}; remove it, or put the behaviour in content/assets/site.js`,
        needles: [value],
        fallback: ["<script"],
      };
    case "handler":
      return {
        severity: "error",
        message: `event-handler attribute ${attribute}=${shown(value)} on <${tag}>: ${NO_SCRIPTS}, so it does nothing; remove it (content/assets/site.js wires the site's controls)`,
        needles: [`${attribute}=`, `${attribute} =`],
        fallback: [attribute],
      };
    case "script-url":
      return {
        severity: "error",
        message: `${shown(value)} in ${attribute} of <${tag}>: a ${urlAsBrowsersRead(value).split(":")[0]!.toLowerCase()}: URL runs script, which ${POLICY} blocks; link to a page or an #anchor instead`,
        // Written with character references, perhaps (`&#106;avascript:`).
        needles: [...attributeForms(attribute, value), htmlSpellings(value)],
        fallback: ["javascript", "vbscript", "script"],
      };
    case "refused-link": {
      const scheme = value.split(":")[0]!.toLowerCase();
      const runsScript = scheme === "javascript" || scheme === "vbscript";
      return {
        severity: runsScript ? "error" : "warning",
        message: `markdown link to ${shown(value)} is not a link: markdown refuses ${scheme === "data" ? "data: URLs other than PNG, GIF, JPEG and WebP images" : `${scheme}: URLs${runsScript ? " (they run script)" : ""}`}, and the page shows the link's markdown as text`,
        needles: [`](${value}`, `<${value}`, value],
        fallback: [`${scheme}:`],
      };
    }
    case "inline-style":
      if (page.jekyllSite && (tag === "th" || tag === "td") && attribute === "style" && KRAMDOWN_ALIGNMENT.test(value)) return undefined;
      return {
        severity: "warning",
        message: `${attribute ? `style=${shown(value)} on <${tag}>` : "<style> in the page's content"} does nothing: ${POLICY} allows only the site's own style sheets (style-src 'self'), so browsers ignore inline styles; give the element a class and style it in content/assets/site.css`,
        needles: attribute ? [...attributeForms(attribute, value), "style="] : ["<style"],
        fallback: attribute ? ["style"] : [],
      };
    case "base":
      return {
        severity: "error",
        message: `<base${value ? ` href=${shown(value)}` : ""}> in the page's content changes where every relative link on the page goes; remove it`,
        needles: ["<base"],
        fallback: [],
      };
    case "meta":
      return value.trim().toLowerCase() === "refresh"
        ? {
            severity: "error",
            message: `<meta http-equiv="refresh"> in the page's content sends readers to another address; to move a page, give the new page redirect_from`,
            needles: ["http-equiv"],
            fallback: ["<meta"],
          }
        : {
            severity: "error",
            message: `<meta http-equiv=${shown(value)}> in the page's content: only the layout may tell browsers how to treat the page; remove it`,
            needles: ["http-equiv"],
            fallback: ["<meta"],
          };
    case "srcdoc":
      return {
        severity: "error",
        message: `<iframe srcdoc> in the page's content embeds a whole HTML document in an attribute, out of the checks' sight; link to a page instead`,
        needles: ["srcdoc"],
        fallback: [],
      };
    case "plugin":
      return {
        severity: "warning",
        message: `<${tag}> shows nothing: ${POLICY} allows no plugins (object-src 'none'); link to the file instead`,
        needles: [value],
        fallback: [`<${tag}`],
      };
    case "load": {
      const host = otherHost(value, pageUrl, siteHost);
      // Images may be data: URLs (img-src allows them).
      if (host === undefined || ((tag === "img" || tag === "source" || tag === "image") && /^data:/i.test(urlAsBrowsersRead(value)))) return undefined;
      return {
        severity: "warning",
        message: `<${tag} ${attribute}=${shown(value)}> loads from another site (${host}): ${POLICY} allows only this site's own files, so browsers block it and readers see nothing there; copy the file into content/assets/ and use {{ '/assets/<file>' | relative_url }}`,
        needles: [...attributeForms(attribute, value), value, decodedUrl(value)],
        fallback: [`<${tag}`],
      };
    }
    case "form-target": {
      const host = otherHost(value, pageUrl, siteHost);
      if (host === undefined) return undefined;
      return {
        severity: "warning",
        message: `<${tag} ${attribute}=${shown(value)}> sends the form to another site (${host}): ${POLICY} lets forms submit only to this site, so submitting does nothing; link to the other site instead`,
        needles: [...attributeForms(attribute, value), value],
        fallback: [`${attribute}=`],
      };
    }
  }
}

/** An attribute as HTML and kramdown attribute lists write it. */
function attributeForms(attribute: string, value: string): string[] {
  return [`${attribute}="${value}"`, `${attribute}='${value}'`, `${attribute}=${value}`];
}

function decodedUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export function checkRawHtml(source: SiteModel, pages: OutputPage[]): Finding[] {
  const sourceByPath = new Map<string, SourcePage>(source.pages.map((page) => [page.absolutePath, page]));
  const siteHost = siteHostOf(source.settings.url);
  const findings: Finding[] = [];
  // A hit from an include or a data file (the navigation, say) repeats on every page that shows
  // it: it is reported once, at its line, naming the pages.
  const shared = new Map<string, { at: Location; judged: Judged; pages: string[] }>();
  for (const page of pages) {
    if (page.rawHtml.length === 0) continue;
    const pageSource = sourceByPath.get(page.inputPath);
    const used = new Map<string, number>();
    const context: PageContext = { url: page.url, siteHost, jekyllSite: source.kind === "jekyll", hasPolicy: page.hasPolicy };
    for (const hit of page.rawHtml) {
      const judged = judge(hit, context);
      if (!judged) continue;
      let first = locateText(source, pageSource, judged.needles, { ignoreCase: true });
      if (first.needle === undefined) first = locateText(source, pageSource, judged.fallback, { ignoreCase: true });
      const key = first.needle === undefined ? undefined : String(first.needle);
      const nth = key === undefined ? 0 : (used.get(key) ?? 0);
      const { at, inPage } = nth === 0 ? first : locateText(source, pageSource, [first.needle!], { ignoreCase: true, nth });
      if (key !== undefined) used.set(key, nth + 1);
      if (inPage || !pageSource) {
        findings.push(finding("raw-html", judged.severity, at, judged.message));
        continue;
      }
      const place = `${at.file}\0${at.line}\0${at.column}\0${judged.message}`;
      const entry = shared.get(place) ?? { at, judged, pages: [] };
      if (!entry.pages.includes(pageSource.file)) entry.pages.push(pageSource.file);
      shared.set(place, entry);
    }
  }
  for (const { at, judged, pages: on } of shared.values()) {
    const others = on.length > 1 ? ` and ${on.length - 1} other page${on.length > 2 ? "s" : ""}` : "";
    findings.push(finding("raw-html", judged.severity, at, `${judged.message} (on ${on[0]}${others})`));
  }
  return findings;
}
