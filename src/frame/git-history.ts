import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * When each source file last changed, from git: the committer date of the newest commit that
 * touched it. A commit's date never changes, so builds of the same commit stay identical; a
 * file with no history (new, or a site outside any repository) has no date.
 *
 * One `git log` per build reads every file's date at once; a call per page would cost a
 * process per page.
 */
export class GitHistory {
  private dates: Map<string, string> | undefined;

  constructor(private readonly dir: string) {}

  /** Call at the start of each build: commits may have been made since the last one. */
  reset(): void {
    this.dates = undefined;
  }

  /** The ISO 8601 date (`2024-05-12T09:30:00+02:00`) `file` last changed in, if git knows it. */
  lastChanged(file: string): string | undefined {
    this.dates ??= readLastChangeDates(this.dir);
    return this.dates.get(path.resolve(file));
  }
}

const COMMIT_MARK = "\u001e";

function readLastChangeDates(dir: string): Map<string, string> {
  const dates = new Map<string, string>();
  let log: string;
  try {
    // --relative: paths relative to `dir`, and only files below it.
    log = execFileSync("git", ["-c", "core.quotepath=off", "log", "--relative", "--name-only", `--format=${COMMIT_MARK}%cI`, "--", "."], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return dates; // not a repository, or no git: no dates
  }
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
