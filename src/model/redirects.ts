import { listsPlugin } from "./jekyll-config.ts";
import type { SiteModel } from "./site-model.ts";
import { pageUrlProblem, pageUrlRulesOf, urlPathProblem } from "./url-paths.ts";

/**
 * `redirect_from` front matter (jekyll-redirect-from's key): old URLs of a page that must keep
 * working. Each becomes a static redirect page at the old path and a line of `_redirects`.
 */

export interface Redirect {
  /** The old Jekyll URL (`/common/databases/old-name`). */
  from: string;
  /** The page's Jekyll URL. */
  to: string;
  title: string;
  /** The page that asked for it, relative to the site's root (for error messages). */
  source: string;
}

export function asList(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether `redirect_from` makes redirects: always here, in a Jekyll site only with its plugin listed, as in Jekyll. */
export function makesRedirects(model: SiteModel): boolean {
  return model.kind !== "jekyll" || listsPlugin(model.siteData, "jekyll-redirect-from");
}

/**
 * The redirects of the site's pages (in path order) that can be built: an old URL that is not a
 * valid site path, is the page's own URL, or was claimed by an earlier entry is left out, as is
 * every redirect of a page whose own URL is not valid; none at all where the site makes none
 * (makesRedirects). The checks report each of these at its line (src/tutorial/schema.ts,
 * src/checks/source/output-paths.ts, src/checks/source/jekyll-site.ts) and may leave out more.
 */
export function redirectsOf(model: SiteModel): Redirect[] {
  if (!makesRedirects(model)) return [];
  const redirects: Redirect[] = [];
  const claimed = new Set<string>();
  for (const page of model.pages) {
    const data = page.data;
    if (!data || data.redirect_from === undefined) continue;
    if ((data.permalink !== undefined && typeof data.permalink !== "string") || pageUrlProblem(page.url, pageUrlRulesOf(model, page))) continue;
    for (const from of asList(data.redirect_from)) {
      if (typeof from !== "string" || urlPathProblem(from) || from === page.url || claimed.has(from)) continue;
      claimed.add(from);
      redirects.push({ from, to: page.url, title: typeof data.title === "string" ? data.title : page.url, source: page.file });
    }
  }
  return redirects;
}
