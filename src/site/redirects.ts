import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { load as loadYaml } from "js-yaml";
import { jekyllUrlOf, pageFiles } from "./collections.ts";

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

/** Every page's redirects, in path order; a malformed or repeated old URL is a located error. */
export function collectRedirects(inputDir: string, root: string): Redirect[] {
  const redirects: Redirect[] = [];
  const claimedBy = new Map<string, string>();
  for (const file of pageFiles(inputDir)) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("redirect_from")) continue; // most pages have none; skip parsing them
    const data = matter(text, { engines: { yaml: (s: string) => loadYaml(s) as object } }).data as Record<string, unknown>;
    const source = path.relative(root, file).split(path.sep).join("/");
    const stem = "/" + path.relative(inputDir, file).split(path.sep).join("/").replace(/\.[^.]+$/, "");
    const to = jekyllUrlOf(data.permalink, stem);
    for (const from of asList(data.redirect_from)) {
      if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//")) {
        throw new Error(`${source}: redirect_from entries must be site paths starting with "/" (like /common/old-name), not ${JSON.stringify(from)}`);
      }
      if (from === to) throw new Error(`${source}: redirect_from lists the page's own URL ${from}; remove it`);
      const other = claimedBy.get(from);
      if (other) throw new Error(`${source}: redirect_from ${from} is already claimed by ${other}; an old URL can lead to one page only`);
      claimedBy.set(from, source);
      redirects.push({ from, to, title: typeof data.title === "string" ? data.title : to, source });
    }
  }
  return redirects;
}
