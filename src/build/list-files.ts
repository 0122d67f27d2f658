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
