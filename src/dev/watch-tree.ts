import { type Dirent, type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import path from "node:path";

/**
 * Calls `onChange` when anything below the given folders changes, with the changed file's path
 * when the system names it. One inotify-style watcher per folder (Node's recursive mode on Linux
 * loses files that editors replace by renaming); folders created or removed later are picked up
 * on the next change. A file whose modification time and size are as they were is not a change:
 * reading a file can update its access time, which the system reports too, and every build reads
 * every file.
 */

export interface TreeWatcher {
  close(): void;
}

function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function foldersBelow(dir: string): string[] {
  return [
    dir,
    ...entriesOf(dir)
      // Hidden folders (the output's build folders, .git) and node_modules/ are never read as the site.
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules")
      .flatMap((entry) => foldersBelow(path.join(dir, entry.name))),
  ];
}

export function watchTree(roots: string[], onChange: (file: string | undefined) => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  const seen = new Map<string, string>();
  const stampOf = (file: string) => {
    try {
      const stats = statSync(file);
      return stats.isFile() ? `${stats.mtimeMs} ${stats.size}` : "folder";
    } catch {
      return "gone";
    }
  };
  const changed = (file: string) => {
    const stamp = stampOf(file);
    const before = seen.get(file);
    seen.set(file, stamp);
    return stamp !== before || stamp === "folder";
  };
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
      for (const { name } of entriesOf(dir)) seen.set(path.join(dir, name), stampOf(path.join(dir, name)));
      try {
        const watcher = watch(dir, (_event, name) => {
          const file = name ? path.join(dir, name.toString()) : undefined;
          if (file !== undefined && !changed(file)) return;
          sync();
          onChange(file);
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
