import { existsSync } from "node:fs";
import { cp, mkdtemp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { buildSite } from "../../src/pipeline/build-site.ts";
import { listFiles } from "../../src/model/files.ts";
import { fileForUrlPath } from "../../src/model/served-files.ts";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// shared/ lies beside the clone; a git worktree sits one level deeper (wt/<name>).
export const SHARED_DIR = [path.resolve(PROJECT_ROOT, "../shared"), path.resolve(PROJECT_ROOT, "../../shared")].find((dir) =>
  existsSync(dir),
) ?? path.resolve(PROJECT_ROOT, "../shared");
export const SEED_FILE = path.join(SHARED_DIR, "seed/000_0290310cdfa83cec.txt");

export interface FixtureOptions {
  /** Files to write over the copy, by path relative to the site root (bytes for text that is not UTF-8). */
  files?: Record<string, string | Uint8Array>;
  /** Paths (relative to the site root) to delete from the copy. */
  remove?: string[];
  /** Symbolic links to make, by path relative to the site root: the link's target, as written. */
  links?: Record<string, string>;
}

/** A copy of this project's site (data, includes, content) in a temp folder, with changes. */
export async function makeFixtureSite(options: FixtureOptions = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "stitch-docs-"));
  for (const dir of ["_data", "_includes", "content"]) {
    await cp(path.join(PROJECT_ROOT, dir), path.join(root, dir), { recursive: true });
  }
  for (const relative of options.remove ?? []) await rm(path.join(root, relative), { recursive: true, force: true });
  for (const [relative, text] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
  for (const [relative, target] of Object.entries(options.links ?? {})) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await symlink(target, path.join(root, relative));
  }
  return root;
}

export interface BuiltSite {
  root: string;
  outputDir: string;
  /** Every built HTML file, relative to the output folder, sorted. */
  htmlFiles: string[];
  /** The parsed page served at a URL path (`/docs/common/x`), as a static host maps it. */
  page(urlPath: string): Promise<cheerio.CheerioAPI>;
  /** The output file a URL path is served from, or undefined. */
  fileFor(urlPath: string): string | undefined;
  cleanup(): Promise<void>;
}


/** How a static host (and the site's own test server) maps a URL path to a file. */
export { fileForUrlPath };

/** Builds the site at `root` into its _site/ (`searchIndex`: with its search index, as `npm run build`). */
export async function buildFixtureSite(root: string, options: { searchIndex?: boolean } = {}): Promise<BuiltSite> {
  const { outputDir } = await buildSite({ root, searchIndex: options.searchIndex });
  const files = (await listFiles(outputDir)).sort();
  const fileSet = new Set(files);
  const fileFor = (urlPath: string) => fileForUrlPath(fileSet, urlPath);
  return {
    root,
    outputDir,
    htmlFiles: files.filter((file) => file.endsWith(".html")),
    fileFor,
    async page(urlPath: string) {
      const file = fileFor(urlPath);
      if (!file) throw new Error(`no built page is served at ${urlPath}`);
      return cheerio.load(await readFile(path.join(outputDir, file), "utf8"));
    },
    cleanup: () => rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }),
  };
}

/** Builds an unchanged copy of the project's site. */
export async function buildProjectSite(options: FixtureOptions = {}): Promise<BuiltSite> {
  return buildFixtureSite(await makeFixtureSite(options));
}
