import path from "node:path";
import matter from "gray-matter";
import { loadYaml } from "./yaml.ts";

/**
 * Keys that Eleventy reads from a page's data to decide how and where to build it, beyond the
 * format's own `permalink` and `layout`: `permalinkBypassOutputDir: true` writes the page
 * relative to the working folder instead of the output folder, `eleventyComputed.permalink`
 * sets the output path past every check, `pagination` makes pages of its own, and `page`,
 * `content`, `collections`, `eleventy` and `pkg` are the data Eleventy provides. Jekyll has
 * none of them, so neither front matter nor a data file (`_data/<key>.yml`) may set them.
 */
export const ELEVENTY_KEYS: ReadonlySet<string> = new Set([
  "permalinkBypassOutputDir",
  "eleventyComputed",
  "eleventyExcludeFromCollections",
  "eleventyImport",
  "eleventyDataSchema",
  "eleventyNavigation",
  "templateEngineOverride",
  "dynamicPermalink",
  "pagination",
  "page",
  "content",
  "collections",
  "eleventy",
  "pkg",
]);

/** A data file may not set these for every page either: the output path and the layout are each page's own. */
export const RESERVED_DATA_NAMES: ReadonlySet<string> = new Set([...ELEVENTY_KEYS, "permalink", "layout"]);

/**
 * The ELEVENTY_KEYS that `data` sets, except the one the build sets itself: a tutorial's
 * `templateEngineOverride: html` (see eleventyFrontMatter), which the tutorial layout's data
 * carries when it is checked against the format.
 */
export function eleventyKeysIn(data: Record<string, unknown>): string[] {
  const setByTheBuild = (key: string) => key === "templateEngineOverride" && data.layout === "tutorial" && data[key] === "html";
  return Object.keys(data).filter((key) => ELEVENTY_KEYS.has(key) && !setByTheBuild(key));
}

/**
 * Front matter as Eleventy should see it. A tutorial's body belongs to the same Liquid scope as
 * its fields (TUTORIAL-FORMAT.md: "shared by all of its fields and its body, in order"), so the
 * tutorial layout renders it after the fields; Eleventy must hand it over unrendered.
 */
export function eleventyFrontMatter(data: Record<string, unknown>): Record<string, unknown> {
  if (data.layout === "tutorial" && data.templateEngineOverride === undefined) {
    return { ...data, templateEngineOverride: "html" };
  }
  return data;
}

/** A page's front matter as the author wrote it, from its YAML. */
export function readFrontMatterYaml(source: string): Record<string, unknown> {
  return (loadYaml(source) ?? {}) as Record<string, unknown>;
}

/** A page's front matter as Eleventy should see it (see eleventyFrontMatter), from its YAML. */
export function parseFrontMatter(source: string): Record<string, unknown> {
  return eleventyFrontMatter(readFrontMatterYaml(source));
}

/** A page's front-matter YAML exactly as Eleventy hands it to its YAML parser (gray-matter's block). */
export function eleventyFrontMatterYaml(text: string): string | undefined {
  let yaml: string | undefined;
  // Options, so that gray-matter does not cache the page; the engine only records its input.
  matter(text, { engines: { yaml: (block: string) => ((yaml = block), {}) } });
  return yaml;
}

/**
 * Front matter already parsed before the build (the checks read every page first), handed to
 * Eleventy's parser so that it is not parsed twice. Each parse is taken once, and only for the
 * same file and the same YAML text; anything else is parsed as usual.
 */
export class FrontMatterHandover {
  private readonly parsed = new Map<string, { yaml: string; data: Record<string, unknown> }>();

  offer(absolutePath: string, yaml: string, data: Record<string, unknown>): void {
    this.parsed.set(absolutePath, { yaml, data });
  }

  take(filePath: unknown, yaml: string): Record<string, unknown> | undefined {
    if (typeof filePath !== "string") return undefined;
    const key = path.resolve(filePath);
    const offered = this.parsed.get(key);
    if (!offered) return undefined;
    this.parsed.delete(key);
    return offered.yaml === yaml ? offered.data : undefined;
  }
}
