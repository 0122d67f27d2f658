import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";

/**
 * When each source file last changed, from git: the committer date of the newest commit that
 * touched it. A commit's date never changes, so builds of the same commit stay identical; a
 * file with no history (new, or a site outside any repository) has no date.
 *
 * One `git log` per build reads every file's date at once (a call per page would cost a process
 * per page), started with the build and run beside its reading and source checks: on this
 * repository's site it took 150 ms of the build's wall time when it ran in line.
 */

export class GitHistory {
  private constructor(private readonly dates: ReadonlyMap<string, string>) {}

  /** Starts reading `dir`'s history; a folder outside any repository (or no git) has none. */
  static read(dir: string): Promise<GitHistory> {
    return readLastChangeDates(dir).then((dates) => new GitHistory(dates));
  }

  /** No history: every file is undated. */
  static readonly none = new GitHistory(new Map());

  /** The ISO 8601 date (`2024-05-12T09:30:00+02:00`) `file` last changed in, if git knows it. */
  lastChanged(file: string): string | undefined {
    return this.dates.get(path.resolve(file));
  }
}

const COMMIT_MARK = "\u001e";

/**
 * Whether git could find a repository for `dir`: a `.git` (folder, or file of a worktree) in it
 * or in a folder above its real path (git looks from there, past links), or one named by
 * GIT_DIR. Where there is none, git would only fail, and starting it costs a process (about
 * 20 ms of CPU from a large one; the test suites check temp copies of the site, outside any
 * repository, a few hundred times).
 */
function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR !== undefined) return true;
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return true; // git says what is wrong with it (no dates either way)
  }
  for (let folder = real; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, ".git"))) return true;
    if (path.dirname(folder) === folder) return false;
  }
}

function readLastChangeDates(dir: string): Promise<Map<string, string>> {
  if (!mayBeInRepository(dir)) return Promise.resolve(new Map());
  // --relative: paths relative to `dir`, and only files below it.
  const args = ["-c", "core.quotepath=off", "log", "--relative", "--name-only", `--format=${COMMIT_MARK}%cI`, "--", "."];
  return new Promise((resolve) => {
    execFile("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }, (error, log) => {
      // Not a repository, or no git: no dates.
      resolve(error ? new Map() : datesOfLog(dir, log));
    });
  });
}

function datesOfLog(dir: string, log: string): Map<string, string> {
  const dates = new Map<string, string>();
  // Newest commit first, so a file's first appearance is its last change.
  for (const commit of log.split(COMMIT_MARK).slice(1)) {
    const [date, ...files] = commit.split("\n");
    for (const file of files) {
      if (file === "") continue;
      const absolute = path.resolve(dir, file);
      if (!dates.has(absolute)) dates.set(absolute, date!.trim());
    }
  }
  return dates;
}
