import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Eleventy keeps file contents, compiled templates and layouts in process-wide caches, which only
 * its own watcher clears (and only for the files it saw change). Turning them off costs a layout
 * read and compile per page, so they stay on, and a build run in a process that built before
 * (npm start, the tests) empties them first: it must see the files as they are now.
 * Eleventy does not export these modules; they are loaded by file, which gives the very module
 * instances Eleventy itself uses.
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
