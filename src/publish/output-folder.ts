import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readlink, rename, rm, rmdir, symlink, unlink } from "node:fs/promises";
import path from "node:path";
import { JEKYLL_KEEP_FILES } from "../model/settings.ts";
import { escapeRegExp } from "../support/escape-regexp.ts";

/**
 * The published output folder, `_site`, is a symbolic link to the build it shows. The builds
 * live in a hidden folder beside it, `._site.builds/<pid>-<hex>`, and publishing one is a single
 * rename(2): a new link to it, made in the builds folder, renamed over `_site`. rename replaces
 * a link atomically, so at every moment, and wherever a build is killed, `_site` is there and
 * shows the last build or the new one, each whole (two renames, `_site` out of the way and the
 * new folder in, left a moment with no `_site` at all). The build it replaces is removed after.
 *
 * What killed builds leave (their folders, a link not yet renamed) is removed by the next build,
 * once the process that made it is gone: the folders are named after their process, so builds
 * running side by side never remove each other's.
 *
 * What the author keeps in the output (Jekyll's `keep_files`, `.git` and `.svn` by default: a
 * `_site/` that is a checkout of the branch it is deployed from) is moved from the replaced
 * output into the new build before the swap, as Jekyll leaves it in place; like Jekyll's, a name
 * keeps every entry it starts (`.git` keeps `.gitignore` and `.github/`).
 */

/** A build's folder, the link made to publish it, or a real `_site/` moved aside once: `<pid>-<hex>[.link|.migrated]`. */
const BUILD_ENTRY = /^(\d+)-[0-9a-f]+(?:\.link|\.migrated)?$/;

/** Builds this process has started and not yet published or discarded: not leftovers, whatever the folder says. */
const inProgress = new Set<string>();

export class OutputFolder {
  /** The hidden folder beside the output that holds the builds: `._site.builds` for `_site`. */
  readonly buildsDir: string;
  private readonly parentDir: string;
  private readonly name: string;

  constructor(
    readonly outputDir: string,
    private readonly keepFiles: readonly string[] = JEKYLL_KEEP_FILES,
  ) {
    this.parentDir = path.dirname(outputDir);
    this.name = path.basename(outputDir);
    this.buildsDir = path.join(this.parentDir, `.${this.name}.builds`);
  }

  /** A new, empty folder for a build, once what killed builds left is cleared away. */
  async newBuild(): Promise<string> {
    const build = path.join(this.buildsDir, `${process.pid}-${randomBytes(4).toString("hex")}`);
    inProgress.add(build);
    // Made first: a builds folder with a build in it is never removed as empty (see discard).
    await mkdir(build, { recursive: true });
    await this.removeLeftovers();
    return build;
  }

  /** Makes `build` the published output; the build it replaces is removed. */
  async publish(build: string): Promise<void> {
    const link = `${build}.link`;
    await symlink(path.relative(this.parentDir, build), link, "dir");
    const previous = await this.publishedBuild();
    let migrated: string | undefined;
    let kept: KeptEntry[] = [];
    try {
      migrated = await this.moveRealFolderAside();
      const replaced = migrated ?? previous;
      if (replaced !== undefined) kept = await this.carryKeptEntries(replaced, build);
      await rename(link, this.outputDir);
    } catch (error) {
      // Whatever was carried over goes back where it was: the new build is not published.
      for (const entry of kept.reverse()) await rename(entry.to, entry.from).catch(() => {});
      await unlink(link).catch(() => {});
      throw error;
    }
    inProgress.delete(build);
    for (const replaced of [previous, migrated]) {
      if (replaced !== undefined && replaced !== build) await removeQuietly(replaced);
    }
  }

  /** Moves the entries `keepFiles` names from the output being replaced into `build`, where the build made none of its own. */
  private async carryKeptEntries(replaced: string, build: string): Promise<KeptEntry[]> {
    const moved: KeptEntry[] = [];
    for (const keep of this.keepFiles) {
      const relative = path.normalize(keep).replace(/\/+$/, "");
      // Only what lies inside the output folder.
      if (relative === "" || relative === "." || path.isAbsolute(relative) || relative.split(path.sep).includes("..")) continue;
      const folder = path.dirname(relative);
      const entries = await readdir(path.join(replaced, folder)).catch(() => [] as string[]);
      for (const name of entries.filter((entry) => entry.startsWith(path.basename(relative)))) {
        const from = path.join(replaced, folder, name);
        const to = path.join(build, folder, name);
        if (await exists(to)) continue;
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
        moved.push({ from, to });
      }
    }
    return moved;
  }

  /** Removes a build that is not to be published (it failed, or it was a check run). */
  async discard(build: string): Promise<void> {
    inProgress.delete(build);
    await removeQuietly(build);
    // A check run leaves nothing behind, not even an empty builds folder (rmdir fails if a build is in it).
    if ((await this.publishedBuild()) === undefined) await rmdir(this.buildsDir).catch(() => {});
  }

  /** The build `_site` links to, when it is one of ours. */
  private async publishedBuild(): Promise<string | undefined> {
    let target: string;
    try {
      target = await readlink(this.outputDir);
    } catch {
      return undefined;
    }
    const build = path.resolve(this.parentDir, target);
    return path.dirname(build) === this.buildsDir ? build : undefined;
  }

  /**
   * A real `_site/` folder (from before `_site` was a link) moved into the builds folder, so that
   * the link can take its place. This is the one time two renames are needed: were the build
   * killed between them, the next one puts the link back to the moved folder (removeLeftovers).
   */
  private async moveRealFolderAside(): Promise<string | undefined> {
    const stats = await lstat(this.outputDir).catch(() => undefined);
    if (!stats?.isDirectory()) return undefined;
    const migrated = path.join(this.buildsDir, `${process.pid}-${randomBytes(4).toString("hex")}.migrated`);
    try {
      await rename(this.outputDir, migrated);
      return migrated;
    } catch (error) {
      // A build beside this one moved it first.
      if (["ENOENT", "EISDIR", "ENOTDIR", "ENOTEMPTY", "EEXIST"].includes((error as NodeJS.ErrnoException).code ?? "")) return undefined;
      throw error;
    }
  }

  private async removeLeftovers(): Promise<void> {
    const entries = await readdir(this.buildsDir);
    if (!(await exists(this.outputDir))) {
      // Killed between the two renames of moving a real `_site/` aside: link it back.
      const migrated = entries.find((entry) => entry.endsWith(".migrated"));
      if (migrated) await symlink(path.relative(this.parentDir, path.join(this.buildsDir, migrated)), this.outputDir, "dir").catch(() => {});
    }
    const published = await this.publishedBuild();
    for (const entry of entries) {
      const full = path.join(this.buildsDir, entry);
      const pid = Number(BUILD_ENTRY.exec(entry)?.[1] ?? Number.NaN);
      if (full === published || Number.isNaN(pid) || inProgress.has(full) || inProgress.has(full.replace(/\.link$/, ""))) continue;
      if (pid === process.pid || !isRunning(pid)) await removeQuietly(full);
    }
    // Left by the two-rename swap of earlier versions: `_site.staging-<pid>-<hex>`, `_site.previous-<pid>-<hex>`.
    const legacy = new RegExp(`^${escapeRegExp(this.name)}\\.(?:staging|previous)-(\\d+)-[0-9a-f]+$`);
    for (const entry of await readdir(this.parentDir)) {
      const pid = Number(legacy.exec(entry)?.[1] ?? Number.NaN);
      if (!Number.isNaN(pid) && pid !== process.pid && !isRunning(pid)) await removeQuietly(path.join(this.parentDir, entry));
    }
  }
}

interface KeptEntry {
  from: string;
  to: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * A folder a failed build still writes into when its error arrives is removed with retries, and
 * a failure to remove one never hides the build's own outcome.
 */
async function removeQuietly(entry: string): Promise<void> {
  try {
    await rm(entry, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  } catch (error) {
    console.error(`warning: could not remove ${entry}: ${(error as Error).message}`);
  }
}
