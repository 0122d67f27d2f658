import { readdirSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every file below `dir`, relative to it, `/`-separated; [] when `dir` does not exist. */
export async function listFiles(dir: string, base = dir): Promise<string[]> {
  let entries;
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

/** Every file below `dir` as an absolute path, in path order, skipping dotfiles; [] when absent. */
export function filesBelowSync(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !entry.name.startsWith("."))
    .flatMap((entry) => (entry.isDirectory() ? filesBelowSync(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}
