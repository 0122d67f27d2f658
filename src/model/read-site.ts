import path from "node:path";
import { isPublished } from "./drafts.ts";
import { siteFilesBelowSync } from "./files.ts";
import { withFrontMatter } from "./front-matter.ts";
import { readJekyllSite } from "./read-jekyll-site.ts";
import { type SiteDirectories, siteDirectories, siteSettingsOf } from "./settings.ts";
import { siteDataOf } from "./site-data.ts";
import { relativeToRoot, type SiteModel, type SourceFile, type SourceLayout, type SourcePage, type YamlDataFile } from "./site-model.ts";
import { SiteReader } from "./site-reader.ts";
import { jekyllUrlOf } from "./urls.ts";

/**
 * Reads the author's site into one model (site-model.ts): every file once, every front matter
 * and data file parsed once with the build's YAML reader. What the folders hold but must not be
 * read (links out of the site, pipes) is listed, never opened.
 */

export const PAGE_EXTENSIONS: ReadonlySet<string> = new Set([".md", ".html", ".liquid"]);
const DATA_EXTENSIONS: ReadonlySet<string> = new Set([".yml", ".yaml"]);

/** A page's path below content/ without its extension: `/common/x`. */
export function pageStem(inputDir: string, absolutePath: string): string {
  return `/${relativeToRoot(inputDir, absolutePath).replace(/\.[^./]+$/, "")}`;
}

function readPage(reader: SiteReader, inputDir: string, absolutePath: string): SourcePage {
  const page = reader.withFrontMatter(reader.read(absolutePath));
  const stem = pageStem(inputDir, absolutePath);
  return { ...page, stem, url: jekyllUrlOf(page.data?.permalink, stem), published: isPublished(page.data) };
}

/** A page as the model holds it, from its text (what readSite reads from disk): for the checks' tests. */
export function pageFromText(root: string, inputDir: string, absolutePath: string, text: string): SourcePage {
  const page = withFrontMatter<SourceFile>({ file: relativeToRoot(root, absolutePath), absolutePath, text });
  const stem = pageStem(inputDir, absolutePath);
  return { ...page, stem, url: jekyllUrlOf(page.data?.permalink, stem), published: isPublished(page.data) };
}

/** Reads the site at `root`: this repository's layout, or a Jekyll site tree (when `dirs` are a Jekyll site's, see settings.ts). */
export function readSite(root: string, dirs: SiteDirectories = siteDirectories(root)): SiteModel {
  if (dirs.themeIncludes !== undefined) return readJekyllSite(root, dirs);
  const reader = new SiteReader(root);
  const content = siteFilesBelowSync(dirs.input, root);
  const pages = content.files.filter((file) => PAGE_EXTENSIONS.has(path.extname(file))).map((file) => readPage(reader, dirs.input, file));
  const data = siteFilesBelowSync(dirs.data, root);
  const dataFiles: YamlDataFile[] = data.files.filter((file) => DATA_EXTENSIONS.has(path.extname(file))).map((absolutePath) => reader.readData(absolutePath));
  const includeFiles = siteFilesBelowSync(dirs.includes, root);
  const includes = includeFiles.files.map((file) => reader.read(file));
  const layouts: SourceLayout[] = includes
    .filter((include) => path.dirname(include.absolutePath) === dirs.layouts)
    // This site's own layouts are the built-in theme's.
    .map((include) => ({ ...reader.withFrontMatter(include), name: path.basename(include.absolutePath).replace(/\.[^.]+$/, ""), theme: true }));
  const assetsDir = path.join(dirs.input, "assets");
  const assets = content.files
    .filter((file) => file.startsWith(assetsDir + path.sep))
    .map((source) => ({ source, output: `assets/${relativeToRoot(assetsDir, source)}`, file: relativeToRoot(root, source) }));
  const siteFile = dataFiles.find((file) => file.absolutePath === path.join(dirs.data, "site.yml"));
  const siteData = siteFile?.data && typeof siteFile.data === "object" && !Array.isArray(siteFile.data) ? (siteFile.data as Record<string, unknown>) : {};
  return {
    root,
    kind: "native",
    settingsFile: siteFile,
    jekyllCollections: [],
    unknownPlugins: [],
    notBuilt: [],
    dirs,
    settings: siteSettingsOf(siteData),
    siteData,
    pages,
    includes,
    layouts,
    dataFiles,
    data: siteDataOf(dataFiles, dirs.data),
    dataPaths: data.files,
    assets,
    refused: [...content.refused, ...data.refused, ...includeFiles.refused],
    reads: { files: reader.files, yamlTexts: reader.yamlTexts },
  };
}
