import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { type Finding, formatFinding } from "../../src/checks/finding.ts";
import { listFiles } from "../../src/model/files.ts";
import { fileForUrlPath } from "../../src/model/served-files.ts";
import { type PipelineResult, runPipeline } from "../../src/pipeline/run-pipeline.ts";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// shared/ lies beside the clone; a git worktree sits one level deeper (wt/<name>).
export const SHARED_DIR =
  [path.resolve(PROJECT_ROOT, "../shared"), path.resolve(PROJECT_ROOT, "../../shared")].find((dir) => existsSync(dir)) ??
  path.resolve(PROJECT_ROOT, "../shared");
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
  for (const dir of ["_data", "_includes", "content"]) copyTree(path.join(PROJECT_ROOT, dir), path.join(root, dir));
  // Encoded images are kept by content (src/publish/image-cache.ts): every copy shares the
  // project's cache, so the suites encode the site's screenshots once between them.
  await mkdir(path.join(PROJECT_ROOT, ".cache"), { recursive: true });
  await symlink(path.join(PROJECT_ROOT, ".cache"), path.join(root, ".cache"));
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

/**
 * Copies a folder of plain files and folders (the site's own: it has no links), as `cp -r` does.
 * Not fs.cp: its checks of every entry cost about 50 ms of CPU per fixture site, and the suites
 * make more than a hundred of them.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyTree(path.join(from, entry.name), path.join(to, entry.name));
    else if (entry.isFile()) copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
    else throw new Error(`makeFixtureSite copies files and folders only, not ${path.join(from, entry.name)}`);
  }
}

export interface BuiltSite {
  root: string;
  outputDir: string;
  /** Every built HTML file, relative to the output folder, sorted. */
  htmlFiles: string[];
  /** What the build returned (its findings, timings, image counts), for a site built here. */
  result?: PipelineResult;
  /** The parsed page served at a URL path (`/docs/common/x`), as a static host maps it. */
  page(urlPath: string): Promise<cheerio.CheerioAPI>;
  /** The output file a URL path is served from, or undefined. */
  fileFor(urlPath: string): string | undefined;
  cleanup(): Promise<void>;
}

/** How a static host (and the site's own test server) maps a URL path to a file. */
export { fileForUrlPath };

/**
 * Builds the site at `root` into its _site/ as `npm run build` does (`searchIndex`: with its
 * search index); a site whose checks find errors is not published, and throws with the findings.
 */
export async function buildFixtureSite(root: string, options: { searchIndex?: boolean } = {}): Promise<BuiltSite> {
  const result = await runPipeline({ root, publish: true, searchIndex: options.searchIndex ?? false });
  if (!result.published) throw new Error(`the fixture site did not build:\n${result.findings.map(formatFinding).join("\n")}`);
  return { ...(await builtSiteAt(root, path.join(root, "_site"))), result };
}

/**
 * Renders the site at `root` as `npm run check` does, findings or not, and keeps what Eleventy
 * rendered (pages, redirects, sitemap; not the copied assets) in `<root>/_rendered/`, as the
 * pipeline handed it to its onPage hook: for tests of what the build makes of input it refuses.
 */
export async function renderFixtureSite(root: string): Promise<BuiltSite & { findings: Finding[] }> {
  const outputDir = path.join(root, "_rendered");
  const rendered: { url: string; content: string }[] = [];
  const { findings } = await runPipeline({ root, onPage: (page) => void rendered.push({ url: page.url, content: page.content }) });
  for (const { url, content } of rendered) {
    const file = path.join(outputDir, url.endsWith("/") ? `${url}index.html` : url);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return { ...(await builtSiteAt(root, outputDir)), findings };
}

async function builtSiteAt(root: string, outputDir: string): Promise<BuiltSite> {
  const files = existsSync(outputDir) ? (await listFiles(outputDir)).sort() : [];
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
