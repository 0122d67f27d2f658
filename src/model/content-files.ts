import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { siteFilesBelowSync, type RefusedEntry } from "./files.ts";
import { RESERVED_DATA_NAMES } from "./front-matter.ts";
import type { SiteDirectories } from "./settings.ts";

/**
 * What every build may read of the author's folders (src/model/files.ts decides: no link
 * out of the site's folder, no pipe, no hidden file). Eleventy globs content/ itself, so what is
 * refused or hidden there is added to its ignores; LiquidJS reads includes and Eleventy reads data files by name, with no
 * hook to refuse one, so a refused entry in _includes/ or _data/, or a data file Eleventy would
 * run or whose name is one of its settings (dataFileProblem), stops the build before either
 * reads anything. The checks report each of these at its path first (a checked build never gets
 * here with one in _includes/ or _data/); this is the guard for a build run without them.
 */
export function contentFilesForBuild(eleventyConfig: EleventyConfig, dirs: SiteDirectories): string[] {
  const data = siteFilesBelowSync(dirs.data, dirs.root);
  const problems = [
    ...[...siteFilesBelowSync(dirs.includes, dirs.root).refused, ...data.refused].map((entry) => describeRefused(entry, dirs.root)),
    ...data.files.flatMap((file) => {
      const problem = dataFileProblem(path.relative(dirs.data, file));
      return problem ? [`${relativePath(dirs.root, file)}: ${problem}`] : [];
    }),
  ];
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const content = siteFilesBelowSync(dirs.input, dirs.root);
  if (content.refused.some((entry) => entry.path === dirs.input)) throw new Error(describeRefused(content.refused[0]!, dirs.root));
  // Hidden files too: the checks never see them (nor would Jekyll build them), so neither may Eleventy.
  for (const file of [...content.refused.map((entry) => entry.path), ...content.hidden]) {
    // Globs relative to the working directory, as Eleventy wants them; a folder's files too.
    const glob = path.relative(process.cwd(), file).split(path.sep).join("/");
    eleventyConfig.ignores.add(glob);
    eleventyConfig.ignores.add(`${glob}/**`);
  }
  return content.files;
}

const relativePath = (root: string, file: string) => path.relative(root, file).split(path.sep).join("/");

/** `_includes/x.html is not read: it is a link to /etc/passwd, ...` */
export function describeRefused(entry: RefusedEntry, root: string): string {
  return `${relativePath(root, entry.path)} is not read: ${entry.reason}`;
}

const SCRIPT_EXTENSIONS = new Set([".js", ".cjs", ".mjs"]);

/**
 * What is wrong with a file below _data/ (its path relative to that folder), as a sentence;
 * undefined when nothing. Eleventy runs a data file that is a script (`_data/x.js`) during the
 * build, and a data file's name becomes a key of every page's data: `_data/permalink.yml` would
 * give every page one output path, `_data/permalinkBypassOutputDir.yml` would write every page
 * outside the output folder (see RESERVED_DATA_NAMES).
 */
export function dataFileProblem(relativeToData: string): string | undefined {
  if (SCRIPT_EXTENSIONS.has(path.extname(relativeToData))) {
    return "a data file that is a script would be run by the build; write the data as YAML (.yml) instead";
  }
  const segments = relativeToData.split(/[\\/]/);
  // A folder's name is the key as it is (`_data/stitch/` is `stitch`); a file's loses its extension.
  const name = segments.length > 1 ? segments[0]! : segments[0]!.replace(/\.[^.]+$/, "");
  if (RESERVED_DATA_NAMES.has(name)) {
    return `a data file named "${name}" would set "${name}" on every page, which is Eleventy's own (or each page's own) setting: rename it`;
  }
  return undefined;
}
