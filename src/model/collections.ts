import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { loadYaml } from "./yaml.ts";
import { filesBelowSync } from "./files.ts";
import { siteRootOf } from "./settings.ts";
import { pageUrlProblem } from "./url-paths.ts";

/**
 * Jekyll-style collections: every page below a folder of content/, as `_data/site.yml` maps
 * them, in path order so that builds are deterministic. Templates see them as `site.<name>`:
 * arrays of `{ ...front matter, title, url, collection }`.
 *
 * They are listed from the folders at the start of each build rather than taken from Eleventy's
 * collections: Eleventy fills those only for templates that declare they consume them, which
 * a `site.<name>` reference inside a front-matter string can't do.
 */
export type JekyllDocument = Record<string, unknown> & { title: string; url: string; collection: string };

export const PAGE_EXTENSIONS = new Set([".md", ".html", ".liquid"]);

/** A page's Jekyll URL: its permalink, or its path below content/ without the extension. */
export function jekyllUrlOf(permalink: unknown, filePathStem: string): string {
  if (typeof permalink === "string" && permalink !== "") return permalink;
  return filePathStem.replace(/(^|\/)index$/, "$1");
}

/** Every page file below `dir`, in path order (links that leave `root`, the site's folder, are not followed). */
export function pageFiles(dir: string, root: string): string[] {
  return filesBelowSync(dir, root).filter((file) => PAGE_EXTENSIONS.has(path.extname(file)));
}

/** A page's front matter, or undefined when it does not parse (the checks report it, located). */
function readFrontMatter(file: string): Record<string, unknown> | undefined {
  try {
    return matter(readFileSync(file, "utf8"), { engines: { yaml: (s: string) => loadYaml(s) as object } }).data;
  } catch {
    return undefined;
  }
}

/**
 * The front matter of collection pages, by absolute file path. Eleventy has already parsed every
 * page when it builds its collections (before it renders anything), so each build takes the
 * front matter from there; a page Eleventy did not hand over is read from its file, and kept
 * for the next build of the same process (watch mode) until its size or modification time changes.
 */
export class FrontMatterSource {
  private parsed = new Map<string, Record<string, unknown>>();
  private readonly files = new Map<string, { mtimeMs: number; size: number; frontMatter: Record<string, unknown> | undefined }>();

  /** Eleventy's parse for this build (replaces the previous build's). */
  useParsed(parsed: Map<string, Record<string, unknown>>): void {
    this.parsed = parsed;
  }

  of(file: string): Record<string, unknown> | undefined {
    const parsed = this.parsed.get(file);
    if (parsed) return parsed;
    const { mtimeMs, size } = statSync(file);
    const cached = this.files.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.frontMatter;
    const frontMatter = readFrontMatter(file);
    this.files.set(file, { mtimeMs, size, frontMatter });
    return frontMatter;
  }
}

/** Eleventy's collection items, as far as `parsedFrontMatter` needs them. */
interface EleventyItem {
  inputPath: string;
  template?: { getFrontMatterData?: () => Promise<{ data: Record<string, unknown> }> };
}

/** The front matter Eleventy parsed, by absolute file path (a paginated page appears once). */
export async function parsedFrontMatter(items: EleventyItem[]): Promise<Map<string, Record<string, unknown>>> {
  const parsed = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    const file = path.resolve(item.inputPath);
    if (parsed.has(file) || typeof item.template?.getFrontMatterData !== "function") continue;
    parsed.set(file, (await item.template.getFrontMatterData()).data);
  }
  return parsed;
}

export function loadFolderCollections(
  inputDir: string,
  folders: Record<string, string>,
  frontMatterOf: (file: string) => Record<string, unknown> | undefined = readFrontMatter,
): Record<string, JekyllDocument[]> {
  const collections: Record<string, JekyllDocument[]> = {};
  const root = siteRootOf(inputDir);
  for (const [name, folder] of Object.entries(folders)) {
    collections[name] = pageFiles(path.resolve(inputDir, folder), root).flatMap((file) => {
      const frontMatter = frontMatterOf(file);
      // A page whose front matter does not parse is left out; the checks report it with its line.
      if (!frontMatter) return [];
      const stem = "/" + path.relative(inputDir, file).split(path.sep).join("/").replace(/\.[^.]+$/, "");
      const url = jekyllUrlOf(frontMatter.permalink, stem);
      // Nor is a page whose URL is not a valid site path: it is never built (the checks say why).
      if (pageUrlProblem(url)) return [];
      return [{ ...frontMatter, title: typeof frontMatter.title === "string" ? frontMatter.title : "", url, collection: name }];
    });
  }
  return collections;
}
