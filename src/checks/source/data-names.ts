import path from "node:path";
import { dataFileProblem } from "../../model/content-files.ts";
import { finding, type Finding } from "../finding.ts";
import { relativeToRoot, type SiteSource } from "../../model/read-site.ts";

/**
 * Files below _data/ that the build must not load (src/model/content-files.ts dataFileProblem): a
 * script, which Eleventy would run, or a name that would set one of Eleventy's settings (or a
 * page's own output path or layout) on every page. Each is an error at the file; nothing is
 * built until it is gone.
 */
export function checkDataNames(source: SiteSource): Finding[] {
  return source.dataPaths.flatMap((file) => {
    const problem = dataFileProblem(path.relative(source.dirs.data, file));
    return problem ? [finding("data-files", "error", { file: relativeToRoot(source.root, file), line: 1, column: 1 }, problem)] : [];
  });
}
