import { readFileSync } from "node:fs";
import path from "node:path";
import { isPublished } from "./drafts.ts";
import { siteFilesBelowSync } from "./files.ts";
import { withFrontMatter } from "./front-matter.ts";
import { oversizeBytes } from "./limits.ts";
import { type SiteDirectories, siteDirectories, siteSettingsOf } from "./settings.ts";
import { siteDataOf } from "./site-data.ts";
import { type DataFile, relativeToRoot, type SiteModel, type SourceFile, type SourceLayout, type SourcePage } from "./site-model.ts";
import { decodeUtf8 } from "./text-encoding.ts";
import { jekyllUrlOf } from "./urls.ts";
import { readYamlSource } from "./yaml-positions.ts";

/**
 * Reads the author's site into one model (site-model.ts): every file once, every front matter
 * and data file parsed once with the build's YAML reader. What the folders hold but must not be
 * read (links out of the site, pipes) is listed, never opened.
 */
export const PAGE_EXTENSIONS: ReadonlySet<string> = new Set([".md", ".html", ".liquid"]);
const DATA_EXTENSIONS: ReadonlySet<string> = new Set([".yml", ".yaml"]);

class SiteReader {
  files = 0;
  yamlTexts = 0;

  constructor(private readonly root: string) {}

  /** A file's text; a file over the size limit is not read (its size is kept instead). */
  read(absolutePath: string): SourceFile {
    const file = relativeToRoot(this.root, absolutePath);
    const oversize = oversizeBytes(absolutePath);
    if (oversize !== undefined) return { file, absolutePath, text: "", oversize };
    this.files++;
    return { file, absolutePath, ...decodeUtf8(readFileSync(absolutePath)) };
  }

  withFrontMatter<F extends SourceFile>(file: F) {
    const read = withFrontMatter(file);
    if (read.frontMatter) this.yamlTexts++;
    return read;
  }
}

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

export function readSite(root: string, dirs: SiteDirectories = siteDirectories(root)): SiteModel {
  const reader = new SiteReader(root);
  const content = siteFilesBelowSync(dirs.input, root);
  const pages = content.files.filter((file) => PAGE_EXTENSIONS.has(path.extname(file))).map((file) => readPage(reader, dirs.input, file));
  const data = siteFilesBelowSync(dirs.data, root);
  const dataFiles: DataFile[] = data.files
    .filter((file) => DATA_EXTENSIONS.has(path.extname(file)))
    .map((absolutePath) => {
      const file = reader.read(absolutePath);
      if (file.oversize !== undefined) return { ...file, yaml: readYamlSource(file.file, ""), data: undefined };
      reader.yamlTexts++;
      const yaml = readYamlSource(file.file, file.text);
      return { ...file, yaml, data: yaml.data };
    });
  const includeFiles = siteFilesBelowSync(dirs.includes, root);
  const includes = includeFiles.files.map((file) => reader.read(file));
  const layoutsDir = path.join(dirs.includes, "layouts");
  const layouts: SourceLayout[] = includes
    .filter((include) => path.dirname(include.absolutePath) === layoutsDir)
    .map((include) => ({ ...reader.withFrontMatter(include), name: path.basename(include.absolutePath).replace(/\.[^.]+$/, "") }));
  const assetsDir = path.join(dirs.input, "assets");
  const assets = content.files.filter((file) => file.startsWith(assetsDir + path.sep)).map((file) => relativeToRoot(assetsDir, file));
  const siteFile = dataFiles.find((file) => file.absolutePath === path.join(dirs.data, "site.yml"));
  const siteData = siteFile?.data && typeof siteFile.data === "object" && !Array.isArray(siteFile.data) ? (siteFile.data as Record<string, unknown>) : {};
  return {
    root,
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
