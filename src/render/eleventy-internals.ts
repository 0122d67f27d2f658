import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EleventyConfig } from "@11ty/eleventy";

/**
 * The one place that reaches into Eleventy's private parts (Eleventy is pinned to one exact
 * version in package.json; tests/render/eleventy-internals.test.ts fails when an upgrade moves
 * them):
 *
 * - Eleventy keeps file contents, compiled templates and layouts in process-wide caches, which
 *   only its own watcher clears. Turning them off costs a layout compile per page, so they stay
 *   on, and a build run in a process that built before (npm start, the tests) empties them
 *   first: it must see the site as it is now. Eleventy does not export these modules; they are
 *   loaded by file, which gives the very module instances Eleventy itself uses.
 * - Eleventy warns on the console when a transform takes a large share of the build: the page
 *   writer's transform does the writing by design.
 */

interface TemplateContentStatics {
  _inputCache: Map<string, unknown>;
  _compileCache: Map<string, unknown>;
}
interface LayoutCache {
  removeAll(): void;
}

const eleventySource = path.dirname(fileURLToPath(import.meta.resolve("@11ty/eleventy")));
const internal = async <T>(file: string): Promise<T> => ((await import(pathToFileURL(path.join(eleventySource, file)).href)) as { default: T }).default;

const templateContent = await internal<TemplateContentStatics>("TemplateContent.js");
const layoutCache = await internal<LayoutCache>("LayoutCache.js");

export function forgetEleventyCaches(): void {
  templateContent._inputCache.clear();
  templateContent._compileCache.clear();
  layoutCache.removeAll();
}

export function quietTransformWarnings(eleventyConfig: EleventyConfig): void {
  (eleventyConfig.benchmarkManager as { get(group: string): { setIsVerbose(verbose: boolean): void } } | undefined)?.get("Configuration").setIsVerbose(false);
}
