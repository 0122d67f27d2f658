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

/** Jekyll's DataReader#sanitize_filename: a data file's key keeps word characters, `-` and spaces (as `_`). */
function dataKey(name: string): string {
  return name
    .replace(/[^\w\s-]+/g, "")
    .trim()
    .replace(/\s+/g, "_");
}

/**
 * `site.data` as Jekyll 4.3 reads `_data/`: like siteDataOf, with Jekyll's keys, and a folder
 * replacing a file of the same name (`_data/faq.yml` and `_data/faq/`: Jekyll reads the files
 * of a folder first, then its folders, each folder a new mapping under its name).
 */
export function jekyllSiteDataOf(dataFiles: readonly DataFile[], dataDir: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const folders = new WeakSet<object>([data]);
  const files = [...dataFiles].sort((a, b) => {
    // Within each folder, files before folders (as Jekyll's glob lists them).
    const depth = (file: DataFile) => path.relative(dataDir, file.absolutePath).split(path.sep).length;
    const pa = path.relative(dataDir, path.dirname(a.absolutePath));
    const pb = path.relative(dataDir, path.dirname(b.absolutePath));
    if (pa === pb) return a.absolutePath < b.absolutePath ? -1 : 1;
    return depth(a) - depth(b) || (pa < pb ? -1 : 1);
  });
  for (const file of files) {
    if (file.data === undefined) continue;
    const segments = path.relative(dataDir, file.absolutePath).split(path.sep);
    segments[segments.length - 1] = segments.at(-1)!.replace(/\.[^.]+$/, "");
    let folder = data;
    for (const segment of segments.slice(0, -1).map(dataKey)) {
      const existing = folder[segment];
      if (existing && typeof existing === "object" && folders.has(existing)) folder = existing as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        folders.add(created);
        folder[segment] = created;
        folder = created;
      }
    }
    folder[dataKey(segments.at(-1)!)] = file.data;
  }
  return data;
}
