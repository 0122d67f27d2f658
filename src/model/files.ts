import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every file below `dir`, relative to it, `/`-separated; [] when `dir` does not exist. */
export async function listFiles(dir: string, base = dir): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join("/")];
    }),
  );
  return nested.flat();
}

/**
 * Something below a site folder that is not read: a symbolic link that leads out of the site's
 * root, to nothing, or back into a folder it is in; or a file that is not a regular file (a pipe
 * would block the read forever).
 */
export interface RefusedEntry {
  /** The link (or special file) itself, absolute. */
  path: string;
  /** What is wrong, as the end of "... is not read: ". */
  reason: string;
}

export interface SiteFiles {
  /** Every file, absolute (a link's own path, not its target's), in path order. */
  files: string[];
  refused: RefusedEntry[];
  /** Files and folders skipped because their names start with `.` (as Jekyll skips them), absolute. */
  hidden: string[];
}

const isWithin = (dir: string, file: string) => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Every file below `dir`, skipping dotfiles. A symbolic link is followed (to a file, or a folder
 * walked in turn) only when its target lies inside `root`, the site's root folder: a link to
 * `/etc/passwd` in content/ must never be published, nor an include read from outside. Links that
 * leave `root`, dangle, or lead back into a folder they are in, and files that are not regular
 * files, are refused. [] when `dir` does not exist. `skip` leaves out a file or folder unvisited.
 */
export function siteFilesBelowSync(dir: string, root: string, skip?: (absolutePath: string) => boolean): SiteFiles {
  const realRoot = realpathOrSelf(root);
  const files: string[] = [];
  const refused: RefusedEntry[] = [];
  const hidden: string[] = [];
  const visit = (folder: string, realFolders: ReadonlySet<string>) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      // What the site excludes (a Jekyll site's `exclude:`, node_modules/) is not even listed.
      if (skip?.(full)) continue;
      if (entry.name.startsWith(".")) {
        hidden.push(full);
        continue;
      }
      if (entry.isFile()) files.push(full);
      else if (entry.isDirectory()) visit(full, new Set([...realFolders, realpathOrSelf(full)]));
      else if (entry.isSymbolicLink()) {
        const target = linkTarget(full, realRoot);
        if (typeof target === "string") refused.push({ path: full, reason: target });
        else if (target.isFile) files.push(full);
        else if (realFolders.has(target.real)) refused.push({ path: full, reason: "it is a link to a folder it is in (a loop)" });
        else visit(full, new Set([...realFolders, target.real]));
      } else refused.push({ path: full, reason: "it is not a regular file (a pipe, socket or device)" });
    }
  };
  // The folder itself may be a link (content/ -> another site's pages): the same rule holds.
  const realDir = realpathOrSelf(dir);
  if (!isWithin(realRoot, realDir)) return { files: [], refused: [{ path: dir, reason: `it is a link to ${realDir}, outside the site's folder` }], hidden: [] };
  visit(dir, new Set([realDir]));
  return { files: files.sort(), refused: refused.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), hidden };
}

/** A link's real target when it may be followed, or why not. */
function linkTarget(link: string, realRoot: string): { real: string; isFile: boolean } | string {
  let real: string;
  try {
    real = realpathSync(link);
  } catch {
    return "it is a link to something that does not exist";
  }
  if (!isWithin(realRoot, real)) return `it is a link to ${real}, outside the site's folder; copy the file into the site instead`;
  const stats = statSync(real);
  if (stats.isFile()) return { real, isFile: true };
  if (stats.isDirectory()) return { real, isFile: false };
  return "it is a link to something that is not a regular file or folder";
}

/** Whether `file` (followed to what it points to) lies inside `root`. */
export function isWithinRoot(file: string, root: string): boolean {
  return isWithin(realpathOrSelf(root), realpathOrSelf(file));
}

/** The files of siteFilesBelowSync, without what it refused (the checks report that). */
export function filesBelowSync(dir: string, root: string): string[] {
  return siteFilesBelowSync(dir, root).files;
}
