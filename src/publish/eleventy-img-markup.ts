import { createRequire } from "node:module";
import type { ImageMetadata } from "./image-cache.ts";

/**
 * eleventy-img's `generateObject` (the `<picture>` markup of an image's encoded variants), taken
 * from the module that defines it instead of the package's entry, which loads sharp: a build
 * whose images all come from `.cache/images/` encodes nothing, and loading sharp cost it about
 * 170 ms of CPU and 600 ms of wall time. That module is private to @11ty/eleventy-img, which
 * package.json pins exactly; tests/publish/eleventy-img-markup.test.ts fails when an upgrade
 * moves or changes it.
 */

/** eleventy-img's description of the markup: `{ picture: { "@children": [{ source: {...} }, { img: {...} }] } }`. */
export type MarkupObject = Record<string, Record<string, unknown>>;
export type GenerateObject = (metadata: ImageMetadata, attributes: Record<string, string>) => MarkupObject;

export const GENERATE_HTML_MODULE = "@11ty/eleventy-img/src/generate-html.js";

let generate: GenerateObject | undefined;

export function generateObject(metadata: ImageMetadata, attributes: Record<string, string>): MarkupObject {
  generate ??= (createRequire(import.meta.url)(GENERATE_HTML_MODULE) as { generateObject: GenerateObject }).generateObject;
  return generate(metadata, attributes);
}
