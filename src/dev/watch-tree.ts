import { readdirSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

/**
 * Calls `onChange` when anything below the given folders changes. One inotify-style watcher per
 * folder (Node's recursive mode on Linux loses files that editors replace by renaming); folders
 * created or removed later are picked up on the next change.
 */
export interface TreeWatcher {
  close(): void;
}

function foldersBelow(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return [dir, ...entries.filter((entry) => entry.isDirectory()).flatMap((entry) => foldersBelow(path.join(dir, entry.name)))];
}

export function watchTree(roots: string[], onChange: () => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  const sync = () => {
    const wanted = new Set(roots.flatMap(foldersBelow));
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, () => {
          sync();
          onChange();
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // The folder went away between listing and watching; the next sync settles it.
      }
    }
  };
  sync();
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
