import path from "node:path";
import type { CsvProblem } from "./csv.ts";
import type { RefusedEntry } from "./files.ts";
import type { SkippedPost } from "./posts.ts";
import type { SassSettings } from "./sass-settings.ts";
import type { SiteDirectories, SiteSettings } from "./settings.ts";
import type { InvalidUtf8 } from "./text-encoding.ts";
import type { YamlSource } from "./yaml-positions.ts";

/**
 * The author's site, read once (read-site.ts): every page with its front matter, every include
 * and layout, every data file, the settings. Every later stage works from this model: the source
 * checks are functions of it, Eleventy renders its pages and layouts (no file is read twice), and
 * the output checks map what was built back to its files and lines.
 */

/** A file of the site, as read. */
export interface SourceFile {
  /** Relative to the site root, `/`-separated: `content/common/x.md`, `_includes/note.html`. */
  file: string;
  absolutePath: string;
  text: string;
  /** The first place where the file's bytes are not UTF-8 (`text` holds U+FFFD there). */
  invalidUtf8?: InvalidUtf8;
  /**
   * The file's size in bytes when it is larger than a source file may be (see limits.ts); its
   * text is then not read (empty), and the checks report it.
   */
  oversize?: number;
}

/** A file with front matter: a page, or a layout. */
export interface FrontMatterFile extends SourceFile {
  /** The front matter's text with positions (parsed for them only when a finding needs one); undefined without front matter. */
  frontMatter?: YamlSource;
  /** The front matter as data; undefined when it does not parse (or the file has none). */
  data?: Record<string, unknown>;
  /** The text after the front matter (what Liquid renders as the body). */
  body: string;
  /** The file line the body starts on. */
  bodyStartLine: number;
}

export interface SourcePage extends FrontMatterFile {
  /** The page's path below content/, without extension: `/common/x`. */
  stem: string;
  /** The Jekyll URL the page is published at: `/common/x`. */
  url: string;
  /**
   * False for a draft (`published: false`, Jekyll's key): a build leaves it out, and out of
   * everything that lists pages, unless it is asked for drafts (src/model/drafts.ts).
   */
  published: boolean;
  /** The collection a Jekyll site's document belongs to (`_tutorials/x.md` is in `tutorials`). */
  collection?: string;
  /** False for a document of a collection without `output: true`: listed in `site.<name>`, never written. */
  output?: boolean;
  /** Jekyll's variables of the page besides its front matter (`page.path`, `page.name`, `page.id`, ...), for a Jekyll site. */
  jekyll?: Record<string, unknown>;
}

/** A layout: `_includes/layouts/<name>.html` (`_layouts/<name>.html` in a Jekyll site), which a page names as `layout: <name>`. */
export interface SourceLayout extends FrontMatterFile {
  name: string;
  /** One of the built-in theme's layouts (this project's), not the site's own. */
  theme?: boolean;
}

/** A file copied as it is, to `<baseurl>/<output>`. */
export interface StaticFile {
  source: string;
  /** The path below the base URL, `/`-separated: `assets/site.css`. */
  output: string;
  /** Relative to the site root (for messages); a theme's file names its place in the theme. */
  file: string;
  /** One of the built-in theme's assets (not in a Jekyll site's `site.static_files`). */
  theme?: boolean;
}

/** A Jekyll collection as `_config.yml` defines it. */
export interface CollectionSettings {
  label: string;
  output: boolean;
  /** The permalink pattern of its documents (`/:collection/:path:output_ext` by default). */
  permalink: string;
  /** The folder, relative to the site root: `_tutorials`. */
  directory: string;
  /** `sort_by`: the front-matter key its documents are listed by (else by path). */
  sortBy?: string;
  /** `order`: file names (relative to the folder) listed first, in this order; it wins over `sortBy`. */
  order?: string[];
}

export interface DataFile extends SourceFile {
  /** The YAML (or JSON) text with positions; undefined for a CSV or TSV file. */
  yaml?: YamlSource;
  /** What is wrong with a CSV or TSV file (csv.ts), at offsets in its text. */
  tableProblems?: CsvProblem[];
  /** The file's data; undefined when it can't be read (the checks say why). */
  data?: unknown;
}

/** A YAML or JSON data file (`_config.yml`, `_data/site.yml`). */
export interface YamlDataFile extends DataFile {
  yaml: YamlSource;
}

export interface SiteModel {
  root: string;
  /** `native`: this repository's layout (content/, _data/site.yml); `jekyll`: a Jekyll site tree (_config.yml). */
  kind: "native" | "jekyll";
  /** The file the settings come from (`_data/site.yml`, or a Jekyll site's `_config.yml`). */
  settingsFile?: YamlDataFile;
  /** A Jekyll site's collections (the native site's are `settings.collections`). */
  jekyllCollections: CollectionSettings[];
  /** `plugins:` of `_config.yml` that this generator has no equivalent for (reported once). */
  unknownPlugins: string[];
  /** A Jekyll site's Ruby plugins (`_plugins/**\/*.rb`, relative to the root): not run here (reported). */
  rubyPlugins?: string[];
  /** A Jekyll site's posts that are neither HTML nor markdown (`_posts/x.txt`) and pages without an extension: not built, reported. */
  notBuilt: string[];
  /** Files of a Jekyll site's `_posts/` that are not built (no date in the name, dated in the future, a date that is not one). */
  skippedPosts?: SkippedPost[];
  /** A Jekyll site's build start (`site.time`, and what "future" posts are after), in milliseconds. */
  startedAt?: number;
  dirs: SiteDirectories;
  settings: SiteSettings;
  /** How a Jekyll site's `.scss`/`.sass` pages are compiled (`sass:` of `_config.yml`). */
  sass?: SassSettings;
  /** `_data/site.yml` (or `_config.yml`) as written: templates see it as `site.<key>`. */
  siteData: Record<string, unknown>;
  pages: SourcePage[];
  /** Every file below _includes/, layouts too (a layout can be included). */
  includes: SourceFile[];
  layouts: SourceLayout[];
  dataFiles: DataFile[];
  /** `site.data`: each data file's data, folders as nested keys. */
  data: Record<string, unknown>;
  /** Every file below _data/, YAML or not, absolute. */
  dataPaths: string[];
  /** Files copied as they are: content/assets/ to `<baseurl>/assets/`; a Jekyll site's static files at their paths. */
  assets: StaticFile[];
  /** Links and special files below content/, _data/ and _includes/ that are not read (files.ts). */
  refused: RefusedEntry[];
  /** What reading the site took: each file is read once, and each YAML text parsed once. */
  reads: { files: number; yamlTexts: number };
}

export function relativeToRoot(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join("/");
}
