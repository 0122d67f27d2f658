import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { isPublished } from "./drafts.ts";
import { siteFilesBelowSync } from "./files.ts";
import { collectionsOfConfig, entryFilterOf, frontMatterDefaultsOf, postsCollectionOf, unknownPluginsOf } from "./jekyll-config.ts";
import { kramdownSettingsOf } from "./kramdown-settings.ts";
import { collectionStaticPath, documentUrl, MARKDOWN_EXTENSIONS, pageUrl, pathParts, titleizeSlug } from "./permalinks.ts";
import { localTime, parsePostDate } from "./post-dates.ts";
import { categoriesOf, type PostFolder, readPosts } from "./posts.ts";
import { sassSettingsOf } from "./sass-settings.ts";
import { liquidSettingsOf, type SiteDirectories, siteSettingsOf } from "./settings.ts";
import { jekyllSiteDataOf } from "./site-data.ts";
import {
  type DataFile,
  relativeToRoot,
  type SiteModel,
  type SourceFile,
  type SourceLayout,
  type SourcePage,
  type StaticFile,
  type YamlDataFile,
} from "./site-model.ts";
import { SiteReader } from "./site-reader.ts";

/**
 * Reads a Jekyll site tree (`--source DIR`) into the same model as this repository's site, as
 * Jekyll 4.3 reads it: `_config.yml` (every key is `site.<key>`), `_layouts/`, `_includes/`,
 * `_data/`, collections in `_<name>/`, pages (files with front matter) anywhere else, every other
 * file copied as it is; `exclude`/`include` and front matter `defaults` applied. This project's
 * own layouts, includes and assets are the built-in theme: used where the site has none of its
 * own of that name, as a Jekyll theme is.
 */

type Data = Record<string, unknown>;

/**
 * The posts that are built: markdown and HTML (a post of another type is reported, not built).
 * Outside `_posts/`, every file that starts with front matter is a page, whatever its type, as in
 * Jekyll: `search.json`, `feed.xml`, `robots.txt` are rendered with Liquid and written at their
 * paths; `.scss`/`.sass` ones are compiled to `.css` after (src/render/sass-pages.ts).
 */
const POST_EXTENSIONS: ReadonlySet<string> = new Set([...MARKDOWN_EXTENSIONS, ".html", ".htm"]);
const DATA_EXTENSIONS: ReadonlySet<string> = new Set([".yml", ".yaml", ".json", ".csv", ".tsv"]);

/** Jekyll's test: a file is a page (or document) when its first bytes are `---` and a line break. */
function startsWithFrontMatter(absolutePath: string): boolean {
  const bytes = Buffer.alloc(5);
  const fd = openSync(absolutePath, "r");
  try {
    const read = readSync(fd, bytes, 0, 5, 0);
    const head = bytes.subarray(0, read).toString("latin1");
    return head.startsWith("---\n") || head.startsWith("---\r\n");
  } finally {
    closeSync(fd);
  }
}

const isFolder = (absolutePath: string) => {
  try {
    return statSync(absolutePath).isDirectory();
  } catch {
    return false;
  }
};

const asRecord = (value: unknown): Data => (value && typeof value === "object" && !Array.isArray(value) ? (value as Data) : {});

/** The Ruby files of the site's plugins folder (`plugins_dir:`, `_plugins` by default), which Jekyll loads and this generator can't run. */
function rubyPluginsOf(root: string, config: Record<string, unknown>): string[] {
  const folder = typeof config.plugins_dir === "string" ? config.plugins_dir : "_plugins";
  return siteFilesBelowSync(path.resolve(root, folder), root)
    .files.filter((file) => file.endsWith(".rb"))
    .map((file) => relativeToRoot(root, file))
    .sort();
}

export function readJekyllSite(root: string, dirs: SiteDirectories): SiteModel {
  const reader = new SiteReader(root, { jekyll: {} });
  const configPath = path.join(root, "_config.yml");
  const settingsFile: YamlDataFile | undefined = existsSync(configPath) ? reader.readData(configPath) : undefined;
  const config = asRecord(settingsFile?.data);
  const filter = entryFilterOf(config);
  const defaults = frontMatterDefaultsOf(config);
  const collections = collectionsOfConfig(config);
  const postsCollection = postsCollectionOf(config);
  const collectionsDir = typeof config.collections_dir === "string" ? config.collections_dir.replace(/^\/+|\/+$/g, "") : "";
  const outputRelative = relativeToRoot(root, dirs.output);
  const relative = (absolutePath: string) => relativeToRoot(root, absolutePath);
  const settings = {
    ...siteSettingsOf(config, liquidSettingsOf(config.liquid), { jekyll: true }),
    collections: {},
    kramdown: kramdownSettingsOf(config.kramdown).settings,
  };
  // Jekyll sets TZ from `timezone:` before it reads the rest (_config.yml's own times are in the build's zone).
  reader.readTimesIn(settings.timeZone);
  const startedAt = Date.now();

  const pages: SourcePage[] = [];
  const assets: StaticFile[] = [];
  const notBuilt: string[] = [];
  const readPage = (absolutePath: string, type: string, extra: (file: string, data: Data) => Partial<SourcePage>) => {
    const file = reader.withFrontMatter(reader.read(absolutePath));
    // Front matter Psych can't read: Jekyll builds the page without it (the defaults still apply)
    // unless `strict_front_matter: true`; the checks report it either way.
    const unreadable = file.frontMatter !== undefined && file.data === undefined && file.frontMatter.errors.length > 0 && config.strict_front_matter !== true;
    const data = file.data ? defaults(file.file, type, file.data) : unreadable ? defaults(file.file, type, {}) : undefined;
    const more = extra(file.file, data ?? {});
    const page: SourcePage = { ...file, stem: "", url: "", ...more, data: data && (more.data ?? data), published: isPublished(data) };
    pages.push(page);
  };

  // Pages and static files: everything outside the `_` folders that the site does not exclude.
  const postFolders: PostFolder[] = [];
  const main = siteFilesBelowSync(root, root, (absolutePath) => {
    const rel = relative(absolutePath);
    const name = path.basename(absolutePath);
    // `_posts/` and `_drafts/` in the site's root or any folder it reads (Reader#retrieve_posts).
    if ((name === "_posts" || name === "_drafts") && (!rel.includes("/") || !filter.excluded(path.posix.dirname(rel))) && isFolder(absolutePath)) {
      postFolders.push({ absolutePath, kind: name });
    }
    return rel === outputRelative || filter.excluded(rel);
  });
  for (const absolutePath of main.files) {
    const file = relative(absolutePath);
    if (!startsWithFrontMatter(absolutePath)) {
      assets.push({ source: absolutePath, output: file, file });
      continue;
    }
    // Eleventy names a template's engine by its extension: a page without one (`CNAME`) can't be built.
    if (path.extname(file) === "") {
      notBuilt.push(file);
      continue;
    }
    readPage(absolutePath, "pages", (name, data) => {
      const url = pageUrl(name, data.permalink, config.permalink);
      const parts = pathParts(name);
      const dir = url.endsWith("/") ? url : url.slice(0, url.lastIndexOf("/") + 1);
      return { stem: `/${name.slice(0, name.length - parts.extension.length)}`, url, jekyll: { path: name, name: name.split("/").at(-1), dir } };
    });
  }

  const refused = [...main.refused];
  for (const collection of collections) {
    const folder = path.join(root, collection.directory);
    const found = siteFilesBelowSync(folder, root, (absolutePath) => /^[_#~]/.test(path.basename(absolutePath)) || path.basename(absolutePath).endsWith("~"));
    refused.push(...found.refused);
    for (const absolutePath of found.files) {
      const file = relative(absolutePath);
      const inCollection = relativeToRoot(folder, absolutePath);
      if (!startsWithFrontMatter(absolutePath)) {
        if (collection.output) assets.push({ source: absolutePath, output: collectionStaticPath(collection.label, inCollection, collection.permalink), file });
        continue;
      }
      readPage(absolutePath, collection.label, (_name, data) => {
        const { url, slug, id } = documentUrl(collection.label, inCollection, data, collection.permalink, categoriesOf([], data));
        const { extension } = pathParts(inCollection);
        // Document#populate_title: a title, slug and ext of its own unless the front matter has them.
        const own: Record<string, unknown> = { title: titleizeSlug(pathParts(inCollection).basename), slug, ext: extension, ...data };
        // Document#date: its `date:` read as Time.parse reads it, else the build's start (site.time).
        own.date = data.date === undefined ? localTime(startedAt, settings.timeZone) : (parsePostDate(data.date, settings.timeZone) ?? data.date);
        return {
          data: own,
          stem: `/${file.slice(0, file.length - extension.length)}`,
          url,
          collection: collection.label,
          output: collection.output,
          jekyll: { path: file, relative_path: file, name: file.split("/").at(-1), id, collection: collection.label, output: collection.output },
        };
      });
    }
  }

  const posts = readPosts(
    collectionsDir === "" ? postFolders : postFolders.filter((folder) => relative(folder.absolutePath).startsWith(`${collectionsDir}/`)),
    {
      root,
      reader,
      defaults,
      template: postsCollection.permalink,
      future: config.future === true,
      now: startedAt,
      timeZone: settings.timeZone,
      excluded: (rel) => filter.excluded(rel),
    },
  );
  for (const post of posts.pages) {
    if (POST_EXTENSIONS.has(path.extname(post.file))) pages.push(post);
    else notBuilt.push(post.file);
  }
  refused.push(...posts.refused);

  const dataFound = siteFilesBelowSync(dirs.data, root);
  const dataFiles = dataFound.files.filter((file) => DATA_EXTENSIONS.has(path.extname(file))).map((file) => readDataFile(reader, file));
  const includesFound = siteFilesBelowSync(dirs.includes, root);
  const ownIncludes = includesFound.files.map((file) => reader.read(file));
  const layoutsFound = siteFilesBelowSync(dirs.layouts, root);
  const layoutName = (file: string) => path.basename(file).replace(/\.[^.]+$/, "");
  const ownLayouts: SourceLayout[] = layoutsFound.files.map((file) => ({ ...reader.withFrontMatter(reader.read(file)), name: layoutName(file) }));
  const theme = readTheme(reader, dirs, ownLayouts, ownIncludes);
  const layouts = [...ownLayouts, ...theme.layouts];
  const ownAssets = new Set(assets.map((asset) => asset.output));

  return {
    root,
    kind: "jekyll",
    settingsFile,
    jekyllCollections: [...collections, postsCollection],
    unknownPlugins: unknownPluginsOf(config),
    rubyPlugins: rubyPluginsOf(root, config),
    notBuilt,
    skippedPosts: posts.skipped,
    startedAt,
    dirs,
    settings,
    sass: sassSettingsOf(config, root),
    siteData: config,
    pages,
    includes: [...ownIncludes, ...theme.includes],
    layouts,
    dataFiles,
    data: jekyllSiteDataOf(dataFiles, dirs.data),
    dataPaths: dataFound.files,
    // The theme's assets always: its layouts (redirect pages' too) load them.
    assets: [...assets, ...theme.assets.filter((asset) => !ownAssets.has(asset.output))],
    refused: [...refused, ...dataFound.refused, ...includesFound.refused, ...layoutsFound.refused],
    reads: { files: reader.files, yamlTexts: reader.yamlTexts },
  };
}

/** A file of `_data/`: YAML or JSON, or a CSV or TSV table. */
function readDataFile(reader: SiteReader, absolutePath: string): DataFile {
  const extension = path.extname(absolutePath);
  if (extension === ".csv" || extension === ".tsv") return reader.readTable(absolutePath, extension === ".csv" ? "," : "\t");
  return reader.readData(absolutePath);
}

/** The built-in theme's layouts, includes and assets that the site does not have its own of. */
function readTheme(reader: SiteReader, dirs: SiteDirectories, ownLayouts: readonly SourceLayout[], ownIncludes: readonly SourceFile[]) {
  const themeIncludes = dirs.themeIncludes!;
  const themeRoot = path.dirname(themeIncludes);
  const ownLayoutNames = new Set(ownLayouts.map((layout) => layout.name));
  const ownIncludeNames = new Set(ownIncludes.map((include) => relativeToRoot(dirs.includes, include.absolutePath)));
  const files = siteFilesBelowSync(themeIncludes, themeRoot).files;
  const layoutsDir = path.join(themeIncludes, "layouts");
  const includes = files.filter((file) => !ownIncludeNames.has(relativeToRoot(themeIncludes, file))).map((file) => reader.read(file));
  const layouts: SourceLayout[] = includes
    .filter((include) => path.dirname(include.absolutePath) === layoutsDir)
    .map((include) => ({ ...reader.withFrontMatter(include), name: path.basename(include.absolutePath).replace(/\.[^.]+$/, ""), theme: true }))
    .filter((layout) => !ownLayoutNames.has(layout.name));
  const assetsDir = path.join(themeRoot, "content", "assets");
  const assets: StaticFile[] = siteFilesBelowSync(assetsDir, themeRoot).files.map((source) => ({
    source,
    output: `assets/${relativeToRoot(assetsDir, source)}`,
    file: `(theme) ${relativeToRoot(themeRoot, source)}`,
    theme: true,
  }));
  return { layouts, includes, assets };
}
