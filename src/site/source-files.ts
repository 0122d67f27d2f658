import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { siteFilesBelowSync, type RefusedEntry } from "../build/list-files.ts";
import type { SiteDirectories } from "./settings.ts";

/**
 * What every build may read of the author's folders (src/build/list-files.ts decides: no link
 * out of the site's folder, no pipe). Eleventy globs content/ itself, so what is refused there is
 * added to its ignores; LiquidJS reads includes and Eleventy reads data files by name, with no
 * hook to refuse one, so a refused entry in _includes/ or _data/ stops the build before either
 * reads anything. The checks report each of these at its path first (a checked build never gets
 * here with one in _includes/ or _data/); this is the guard for a build run without them.
 */
export function contentFilesForBuild(eleventyConfig: EleventyConfig, dirs: SiteDirectories): string[] {
  const unreadable = [...siteFilesBelowSync(dirs.includes, dirs.root).refused, ...siteFilesBelowSync(dirs.data, dirs.root).refused];
  if (unreadable.length > 0) {
    throw new Error(unreadable.map((entry) => describeRefused(entry, dirs.root)).join("\n"));
  }
  const content = siteFilesBelowSync(dirs.input, dirs.root);
  for (const entry of content.refused) {
    // Globs relative to the working directory, as Eleventy wants them; a folder's files too.
    const glob = path.relative(process.cwd(), entry.path).split(path.sep).join("/");
    eleventyConfig.ignores.add(glob);
    eleventyConfig.ignores.add(`${glob}/**`);
  }
  return content.files;
}

/** `_includes/x.html is not read: it is a link to /etc/passwd, ...` */
export function describeRefused(entry: RefusedEntry, root: string): string {
  return `${path.relative(root, entry.path).split(path.sep).join("/")} is not read: ${entry.reason}`;
}
