import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { load as loadYaml } from "js-yaml";

/**
 * Jekyll-style collections: every page below a folder of content/, as `_data/site.yml` maps
 * them, in path order so that builds are deterministic. Templates see them as `site.<name>`:
 * arrays of `{ ...front matter, title, url, collection }`.
 *
 * They are read from the files at the start of each build rather than taken from Eleventy's
 * collections: Eleventy fills those only for templates that declare they consume them, which
 * a `site.<name>` reference inside a front-matter string can't do.
 */
export type JekyllDocument = Record<string, unknown> & { title: string; url: string; collection: string };

const PAGE_EXTENSIONS = new Set([".md", ".html", ".liquid"]);

/** A page's Jekyll URL: its permalink, or its path below content/ without the extension. */
export function jekyllUrlOf(permalink: unknown, filePathStem: string): string {
  if (typeof permalink === "string" && permalink !== "") return permalink;
  return filePathStem.replace(/(^|\/)index$/, "$1");
}

function pageFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return pageFiles(full);
      return PAGE_EXTENSIONS.has(path.extname(entry.name)) ? [full] : [];
    })
    .sort();
}

function readFrontMatter(file: string): Record<string, unknown> {
  return matter(readFileSync(file, "utf8"), { engines: { yaml: (s: string) => loadYaml(s) as object } }).data;
}

/**
 * Front matter of collection pages by file, for a process that builds more than once (watch
 * mode): a file is parsed again only when its size or modification time changed.
 */
export class CollectionFileCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; frontMatter: Record<string, unknown> }>();

  frontMatter(file: string): Record<string, unknown> {
    const { mtimeMs, size } = statSync(file);
    const cached = this.entries.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.frontMatter;
    const frontMatter = readFrontMatter(file);
    this.entries.set(file, { mtimeMs, size, frontMatter });
    return frontMatter;
  }
}

export function loadFolderCollections(inputDir: string, folders: Record<string, string>, cache?: CollectionFileCache): Record<string, JekyllDocument[]> {
  const collections: Record<string, JekyllDocument[]> = {};
  for (const [name, folder] of Object.entries(folders)) {
    collections[name] = pageFiles(path.resolve(inputDir, folder)).map((file) => {
      const frontMatter = cache ? cache.frontMatter(file) : readFrontMatter(file);
      const stem = "/" + path.relative(inputDir, file).split(path.sep).join("/").replace(/\.[^.]+$/, "");
      return {
        ...frontMatter,
        title: typeof frontMatter.title === "string" ? frontMatter.title : "",
        url: jekyllUrlOf(frontMatter.permalink, stem),
        collection: name,
      };
    });
  }
  return collections;
}
