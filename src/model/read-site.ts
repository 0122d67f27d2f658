import { readFileSync } from "node:fs";
import path from "node:path";
import { jekyllUrlOf } from "./collections.ts";
import { readSiteSettings, siteDirectories, type SiteDirectories, type SiteSettings } from "./settings.ts";
import { parseYamlSource, type YamlSource } from "./yaml-positions.ts";
import { eleventyFrontMatterYaml } from "./front-matter.ts";
import { siteFilesBelowSync, type RefusedEntry } from "./files.ts";
import { oversizeBytes, oversizeMessage } from "./limits.ts";
import { readYaml, YamlLimitError, type YamlVerdict } from "./yaml.ts";
import { yamlVerdicts } from "../checks/yaml-verdicts.ts";
import { decodeUtf8, type InvalidUtf8 } from "./text-encoding.ts";

/**
 * The author's files as the checks see them: every page with its front matter parsed with
 * positions, every data file, every include. Read once per check run; each check is a pure
 * function of it (plus, for the output checks, the built pages).
 */
export interface TextFile {
  /** Relative to the site root, `/`-separated: `content/common/x.md`, `_includes/note.html`. */
  file: string;
  absolutePath: string;
  text: string;
  /** The first place where the file's bytes are not UTF-8 (`text` holds U+FFFD there). */
  invalidUtf8?: InvalidUtf8;
  /**
   * The file's size in bytes when it is larger than a source file may be (see
   * src/model/limits.ts); its text is then not read (empty), and the checks report it.
   */
  oversize?: number;
}

export interface PageSource extends TextFile {
  /** The front matter with positions; undefined when the page has none. */
  frontMatter?: YamlSource;
  /** The front matter as data; undefined when it does not parse. */
  data?: Record<string, unknown>;
  /** The front matter's YAML as Eleventy reads it (what `data` was parsed from). */
  eleventyYaml?: string;
  /** The text after the front matter (what Liquid renders as the page body). */
  body: string;
  /** The file line the body starts on. */
  bodyStartLine: number;
  /** The Jekyll URL the page is published at: `/common/x`. */
  url: string;
}

export interface DataFileSource extends TextFile {
  yaml: YamlSource;
}

export interface SiteSource {
  root: string;
  dirs: SiteDirectories;
  settings: SiteSettings;
  pages: PageSource[];
  dataFiles: DataFileSource[];
  includes: TextFile[];
  /** Every file below _data/, YAML or not, absolute. */
  dataPaths: string[];
  /** Every file below content/assets/ (copied to `<baseurl>/assets/`), relative to that folder. */
  assets: string[];
  /** Links and special files below content/, _data/ and _includes/ that are not read (list-files.ts). */
  refused: RefusedEntry[];
}

const PAGE_EXTENSIONS = new Set([".md", ".html", ".liquid"]);
const DATA_EXTENSIONS = new Set([".yml", ".yaml"]);

export function relativeToRoot(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join("/");
}

function readText(root: string, absolutePath: string): TextFile {
  const file = relativeToRoot(root, absolutePath);
  const oversize = oversizeBytes(absolutePath);
  return oversize === undefined ? { file, absolutePath, ...decodeUtf8(readFileSync(absolutePath)) } : { file, absolutePath, text: "", oversize };
}

/**
 * Splits front matter off as gray-matter (Eleventy's parser) does: between two `---` lines.
 * The YAML and the body are slices of the text (they share its memory), found by walking its
 * lines rather than splitting the whole file.
 */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyStartLine: number } | undefined {
  const isDelimiter = (start: number, end: number) => text.startsWith("---", start) && text.slice(start, end).replace(/\s+$/, "") === "---";
  const lineEnd = (start: number) => {
    const newline = text.indexOf("\n", start);
    return newline < 0 ? text.length : newline;
  };
  const firstEnd = lineEnd(0);
  if (!isDelimiter(0, firstEnd) || firstEnd === text.length) return undefined;
  const yamlStart = firstEnd + 1;
  for (let start = yamlStart, line = 2; start <= text.length; line++) {
    const end = lineEnd(start);
    if (isDelimiter(start, end)) {
      return { yaml: start === yamlStart ? "\n" : text.slice(yamlStart, start), body: text.slice(end + 1), bodyStartLine: line + 1 };
    }
    if (end === text.length) return undefined;
    start = end + 1;
  }
  return undefined;
}

/** A page read with the build's parser, waiting for the checks' parser's verdict (see finishPage). */
interface PageDraft {
  file: TextFile;
  /** The page's path below content/, without extension: `/common/x`. */
  stem: string;
  split?: { yaml: string; body: string; bodyStartLine: number };
  eleventyYaml?: string;
  /** The build's reader's (js-yaml's) reading of the front matter. */
  verdict?: YamlVerdict;
}

function draftPage(root: string, inputDir: string, file: TextFile, split: PageDraft["split"]): PageDraft {
  const stem = "/" + relativeToRoot(inputDir, file.absolutePath).replace(/\.[^./]+$/, "");
  if (!split) return { file, stem };
  // The text Eleventy's parser will get, so that the checks see the data the build renders.
  const eleventyYaml = eleventyFrontMatterYaml(file.text);
  const verdict = readYaml(eleventyYaml ?? split.yaml);
  if (verdict.ok || verdict.position === undefined || eleventyYaml === undefined) return { file, stem, split, eleventyYaml, verdict };
  // gray-matter's block starts right after the opening `---` (with the rest of that line), the
  // checks' at the next line: the refusal's place, in the checks' text.
  const shift = file.text.indexOf("\n") + 1 - "---".length;
  return { file, stem, split, eleventyYaml, verdict: { ...verdict, position: Math.max(0, verdict.position - shift) } };
}

/** js-yaml's reading as page data: a mapping (anything else reads as none); undefined when refused. */
function pageData(verdict: YamlVerdict | undefined): Record<string, unknown> | undefined {
  if (!verdict?.ok) return undefined;
  const loaded = verdict.data;
  return loaded && typeof loaded === "object" && !Array.isArray(loaded) ? (loaded as Record<string, unknown>) : {};
}

/** `yamlAccepted`: the checks' parser's verdict on the front matter, when known (else it parses now). */
function finishPage(draft: PageDraft, yamlAccepted: boolean | undefined): PageSource {
  const { file, stem, split } = draft;
  if (!split) return { ...file, body: file.text, bodyStartLine: 1, url: jekyllUrlOf(undefined, stem) };
  const frontMatter = parseYamlSource(file.file, split.yaml, 1, { keepDocument: false, accepted: yamlAccepted === true, buildVerdict: draft.verdict });
  // The build reads front matter with js-yaml: the page is sound only if both parsers agree.
  const data = frontMatter.errors.length === 0 ? pageData(draft.verdict) : undefined;
  return { ...file, frontMatter, data, eleventyYaml: draft.eleventyYaml, body: split.body, bodyStartLine: split.bodyStartLine, url: jekyllUrlOf(data?.permalink, stem) };
}

/** A page as the checks see it, from its text (what loadSiteSource reads from disk). */
export function pageFromText(root: string, inputDir: string, absolutePath: string, text: string): PageSource {
  const file: TextFile = { file: relativeToRoot(root, absolutePath), absolutePath, text };
  return finishPage(draftPage(root, inputDir, file, splitFrontMatter(text)), undefined);
}

/**
 * Reads the site. Each page's front matter is parsed twice, by the build's parser and by the
 * checks' (for positions and a stricter verdict); on a large site the second runs on a thread
 * of its own meanwhile (yaml-verdicts.ts).
 */
export async function loadSiteSource(root: string, dirs: SiteDirectories = siteDirectories(root)): Promise<SiteSource> {
  const content = siteFilesBelowSync(dirs.input, root);
  const pageFiles = content.files.filter((file) => PAGE_EXTENSIONS.has(path.extname(file))).map((file) => readText(root, file));
  const splits = pageFiles.map((file) => splitFrontMatter(file.text));
  const verdicts = yamlVerdicts(splits.map((split) => split?.yaml));
  const drafts = pageFiles.map((file, i) => draftPage(root, dirs.input, file, splits[i]));
  const accepted = await verdicts;
  const pages = drafts.map((draft, i) => finishPage(draft, accepted[i]));
  const data = siteFilesBelowSync(dirs.data, root);
  const dataFiles = data.files
    .filter((file) => DATA_EXTENSIONS.has(path.extname(file)))
    .map((file) => {
      const text = readText(root, file);
      // A file too large to read is as unreadable to the other checks as broken YAML.
      const buildVerdict = text.oversize === undefined ? undefined : { ok: false as const, error: new YamlLimitError(oversizeMessage("data file", text.oversize), 0) };
      return { ...text, yaml: parseYamlSource(text.file, text.text, 0, { buildVerdict }) };
    });
  const includeFiles = siteFilesBelowSync(dirs.includes, root);
  const includes = includeFiles.files.map((file) => readText(root, file));
  const assetsDir = path.join(dirs.input, "assets");
  const assets = content.files.filter((file) => file.startsWith(assetsDir + path.sep)).map((file) => relativeToRoot(assetsDir, file));
  const refused = [...content.refused, ...data.refused, ...includeFiles.refused];
  let settings: SiteSettings = { baseurl: "", url: "", collections: {} };
  // A refused site.yml is not read (its link is reported); the defaults stand in for it.
  if (!refused.some((entry) => entry.path === path.join(dirs.data, "site.yml"))) {
    try {
      settings = readSiteSettings(dirs.data);
    } catch {
      // reported by the data-file checks
    }
  }
  return { root, dirs, settings, pages, dataFiles, includes, dataPaths: data.files, assets, refused };
}
