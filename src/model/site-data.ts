import path from "node:path";
import type { DataFile } from "./site-model.ts";

/**
 * `site.data`: each data file's data under its path below _data/ without the extension, folders
 * as nested keys (`_data/stitch/ip-addresses.yml` is `site.data.stitch.ip-addresses`). Files are
 * taken in path order; a file that can't be read is left out (the checks report it).
 */
export function siteDataOf(dataFiles: readonly DataFile[], dataDir: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const file of dataFiles) {
    if (file.data === undefined) continue;
    const segments = path.relative(dataDir, file.absolutePath).split(path.sep);
    segments[segments.length - 1] = segments.at(-1)!.replace(/\.[^.]+$/, "");
    let folder = data;
    for (const segment of segments.slice(0, -1)) {
      const existing = folder[segment];
      folder = existing && typeof existing === "object" && !Array.isArray(existing) ? (existing as Record<string, unknown>) : (folder[segment] = {});
    }
    folder[segments.at(-1)!] = file.data;
  }
  return data;
}
