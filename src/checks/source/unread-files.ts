import path from "node:path";
import { finding, type Finding } from "../finding.ts";
import { relativeToRoot, type SiteSource } from "../../model/read-site.ts";

/**
 * Files the site's folders hold but no build reads (src/model/files.ts): a symbolic link to
 * something outside the site's folder (`ln -s /etc/passwd content/pw.md` would publish the
 * password file), to nothing, or into a folder it is in; a pipe or a device. Each is an error at
 * its path. One below content/ is left out of the build (src/model/content-files.ts); one in
 * _includes/ or _data/ stops the build, since LiquidJS and Eleventy read those by name (as does
 * content/ itself being such a link).
 */
export function checkUnreadFiles(source: SiteSource): { findings: Finding[]; blocksBuild: boolean } {
  const findings = source.refused.map((entry) =>
    finding("files", "error", { file: relativeToRoot(source.root, entry.path), line: 1, column: 1 }, `this file is not read: ${entry.reason}`),
  );
  const inside = (dir: string, file: string) => file === dir || file.startsWith(dir + path.sep);
  // content/ itself refused leaves nothing to build.
  const blocksBuild = source.refused.some(
    (entry) => entry.path === source.dirs.input || inside(source.dirs.includes, entry.path) || inside(source.dirs.data, entry.path),
  );
  return { findings, blocksBuild };
}
