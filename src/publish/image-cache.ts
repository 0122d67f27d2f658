import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Encodes a site image into the sizes and formats readers get (@11ty/eleventy-img, on sharp),
 * once per image content and settings: the results live in a cache folder outside the output
 * (`<root>/.cache/images/<key>/`, the key a hash of the image's bytes and the settings), with
 * the library's metadata beside them (`metadata.json`, the cache's record). An unchanged image is
 * not encoded again on the next build; an edited one gets a new key.
 *
 * The library's own caches are process-wide (it remembers which files exist, and an image by its
 * path and size), so a long-running `npm start` would serve an edited image stale: it is called
 * with its caches off, on the image's bytes, and this folder is the cache.
 */

export const IMAGE_SETTINGS = {
  widths: [400, 800, 1200],
  // "auto": the original's own format, the fallback for browsers without AVIF or WebP.
  formats: ["avif", "webp", "auto"],
  // AVIF's default effort (4) takes three times as long for 5% fewer bytes on screenshots.
  sharpAvifOptions: { effort: 2 },
} as const;

export interface ImageVariant {
  format: string;
  width: number;
  height: number;
  url: string;
  filename: string;
  sourceType: string;
  srcset: string;
  size: number;
}

/** eleventy-img's metadata: the variants of each format, smallest first. */
export type ImageMetadata = Record<string, ImageVariant[]>;

export interface EncodedImage {
  metadata: ImageMetadata;
  /** The folder holding the variants' files (named by `filename`). */
  folder: string;
  /** Whether this call encoded it (false: the cache had it). */
  encoded: boolean;
}

const require = createRequire(import.meta.url);
const LIBRARY_VERSION = (JSON.parse(readFileSync(require.resolve("@11ty/eleventy-img/package.json"), "utf8")) as { version: string }).version;

type EleventyImage = (src: Buffer, options: object) => Promise<ImageMetadata>;
let library: EleventyImage | undefined;

/** Loaded on first use: a site without images never loads sharp. */
function eleventyImage(): EleventyImage {
  library ??= require("@11ty/eleventy-img") as EleventyImage;
  return library;
}

export class ImageCache {
  constructor(
    private readonly folder: string,
    /** The URL folder the variants are served from (`/docs/assets/images/`). */
    private readonly urlPath: string,
  ) {}

  /** The variants of the image in `file` (read once, here), from the cache or encoded now. */
  async encode(file: string): Promise<EncodedImage> {
    const bytes = await readFile(file);
    // The name goes into `srcset`, where a space or comma would split a URL.
    const name = path
      .basename(file)
      .replace(/\.[^.]*$/, "")
      .replace(/[^A-Za-z0-9_-]+/g, "-");
    const key = createHash("sha256")
      .update(bytes)
      .update(JSON.stringify({ LIBRARY_VERSION, IMAGE_SETTINGS, urlPath: this.urlPath, name }))
      .digest("hex")
      .slice(0, 24);
    const entry = path.join(this.folder, key);
    const record = path.join(entry, "metadata.json");
    if (existsSync(record)) {
      const metadata = JSON.parse(await readFile(record, "utf8")) as ImageMetadata;
      if (Object.values(metadata).every((variants) => variants.every((variant) => existsSync(path.join(entry, variant.filename))))) {
        return { metadata, folder: entry, encoded: false };
      }
    }
    // Encoded beside the entry and renamed into place: a build killed halfway leaves no entry
    // that looks whole, and two builds encoding the same image keep one result.
    const pending = `${entry}.${process.pid}-${Math.random().toString(16).slice(2)}`;
    await mkdir(pending, { recursive: true });
    try {
      const metadata = await eleventyImage()(bytes, {
        ...IMAGE_SETTINGS,
        widths: [...IMAGE_SETTINGS.widths],
        formats: [...IMAGE_SETTINGS.formats],
        sharpAvifOptions: { ...IMAGE_SETTINGS.sharpAvifOptions },
        outputDir: pending,
        urlPath: this.urlPath,
        useCache: false,
        filenameFormat: (id: string, _src: unknown, width: number, format: string) => `${name}-${id}-${width}.${format}`,
      });
      for (const variants of Object.values(metadata)) for (const variant of variants) delete (variant as { outputPath?: string }).outputPath;
      await writeFile(path.join(pending, "metadata.json"), `${JSON.stringify(metadata, null, 1)}\n`);
      await rm(entry, { recursive: true, force: true });
      await rename(pending, entry).catch(async (error: NodeJS.ErrnoException) => {
        if (!existsSync(record)) throw error;
      });
      return { metadata, folder: entry, encoded: true };
    } finally {
      await rm(pending, { recursive: true, force: true });
    }
  }
}
