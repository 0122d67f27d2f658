import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { load as loadYaml } from "js-yaml";
import { jekyllUrlOf } from "./collections.ts";
import { pageUrlProblem, urlPathProblem } from "./url-paths.ts";

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

function asList(value: unknown): unknown[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

function frontMatterOf(text: string): Record<string, unknown> | undefined {
  try {
    const data = matter(text, { engines: { yaml: (s: string) => loadYaml(s) as object } }).data as unknown;
    return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The redirects of `pageFiles` (in path order) that can be built: an old URL that is not a valid
 * site path, is the page's own URL, or was claimed by an earlier entry is left out, as is every
 * redirect of a page whose own URL is not valid. Nothing here throws: the checks report each of
 * these at its line (src/tutorial/schema.ts, src/checks/source/output-paths.ts), and a build that runs
 * without them still writes no redirect outside the site, nor a broken line of `_redirects`.
 */
export function collectRedirects(pageFiles: readonly string[], inputDir: string, root: string): Redirect[] {
  const redirects: Redirect[] = [];
  const claimed = new Set<string>();
  for (const file of pageFiles) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("redirect_from")) continue; // most pages have none; skip parsing them
    const data = frontMatterOf(text);
    if (!data) continue;
    const source = path.relative(root, file).split(path.sep).join("/");
    const stem = "/" + path.relative(inputDir, file).split(path.sep).join("/").replace(/\.[^.]+$/, "");
    if (data.permalink !== undefined && typeof data.permalink !== "string") continue;
    const to = jekyllUrlOf(data.permalink, stem);
    if (pageUrlProblem(to)) continue;
    for (const from of asList(data.redirect_from)) {
      if (typeof from !== "string" || urlPathProblem(from) || from === to || claimed.has(from)) continue;
      claimed.add(from);
      redirects.push({ from, to, title: typeof data.title === "string" ? data.title : to, source });
    }
  }
  return redirects;
}

/**
 * The redirects one build writes. The checks know more than collectRedirects can see alone (an
 * old URL that is another page's, the redirects of a page they leave out of the build) and tell
 * it through leaveOut before Eleventy reads the templates.
 */
export class SiteRedirects {
  private readonly leftOut = new Set<Redirect>();

  constructor(readonly all: readonly Redirect[]) {}

  leaveOut(refused: (redirect: Redirect) => boolean): void {
    for (const redirect of this.all) if (refused(redirect)) this.leftOut.add(redirect);
  }

  isPublished(redirect: Redirect): boolean {
    return !this.leftOut.has(redirect);
  }

  published(): Redirect[] {
    return this.all.filter((redirect) => this.isPublished(redirect));
  }
}
