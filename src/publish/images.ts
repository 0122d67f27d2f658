import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { escapeHtml } from "../support/html.ts";
import { generateObject, type MarkupObject } from "./eleventy-img-markup.ts";
import { type EncodedImage, ImageCache } from "./image-cache.ts";

/**
 * Screenshots served as readers' browsers want them: each `<img>` of a built page whose `src` is
 * a raster image of the site (below `<baseurl>/assets/`) becomes a `<picture>` with AVIF and WebP
 * sources and the original format as the fallback, in several widths (`srcset`/`sizes`, for
 * phones), `width`/`height` from the image (no layout shift), `loading="lazy"`,
 * `decoding="async"`, inside a link to the full-size original (named by the image's alt text; an
 * image without alt text, decorative or not yet described, gets no link). Each image is encoded once per
 * build, however many pages show it (image-cache.ts keeps it between builds), and its variants
 * are copied to `<baseurl>/assets/images/` in the build's folder.
 *
 * Everything else is left as written, for the output checks to judge: an image that does not
 * exist (the link check's error at its line), one from another site (the CSP warning), SVG and
 * GIF (vector, or animated), and images already in a `<picture>`, a link or markup that is not
 * the page's flow (`<noscript>`, `<template>`, `<svg>`). The checks read the page as it was
 * rendered, before this rewrite, so findings point at what the author wrote.
 */

export interface SiteImagesOptions {
  /** The site's folder (findings name files relative to it). */
  root: string;
  /** The site's files below `<baseurl>/assets/`: path below it -> the file, absolute (from the model's `assets`). */
  assets: Readonly<Record<string, string>>;
  baseurl: string;
  /** The build's folder. */
  buildDir: string;
  /** Where encoded images are kept between builds (`<root>/.cache/images`). */
  cacheDir: string;
}

/** What the build did with images: how many it processed, and how many of those it had to encode. */
export interface ImageStats {
  processed: number;
  encoded: number;
  /** Site images that could not be read as images (their `<img>` left as written), and why. */
  unreadable: UnreadableImage[];
}

export interface UnreadableImage {
  /** The image's file, relative to the site's folder. */
  file: string;
  /** What the image library said. */
  reason: string;
}

const RASTER = /\.(?:png|jpe?g|webp)$/i;
/** The content column is 46rem wide; below that, the image spans the screen. */
export const IMAGE_SIZES = "(max-width: 48rem) 100vw, 46rem";
/** Inside these, an `<img>` stays as written (see the module's comment). */
const LEAVE_INSIDE = new Set(["picture", "a", "noscript", "template", "svg", "button"]);
const ORIGIN = "https://site.invalid";

const CHILDREN = "@children";
/** Attribute names kept from the author's `<img>` (the parser hands over any run of characters). */
const ATTRIBUTE_NAME = /^[a-z][a-z0-9_.:-]*$/;

export class SiteImages {
  private readonly assets: Set<string>;
  private readonly cache: ImageCache;
  private readonly urlPath: string;
  /** One encoding (and copy into the build) per image per build; undefined for a file that is not an image. */
  private readonly done = new Map<string, Promise<EncodedImage | undefined>>();
  private readonly unreadable: UnreadableImage[] = [];

  constructor(private readonly options: SiteImagesOptions) {
    this.assets = new Set(Object.keys(options.assets));
    this.urlPath = `${options.baseurl}/assets/images/`;
    this.cache = new ImageCache(options.cacheDir, this.urlPath);
  }

  get stats(): ImageStats {
    return { processed: this.done.size - this.unreadable.length, encoded: this.encodedCount, unreadable: [...this.unreadable] };
  }

  private encodedCount = 0;

  /** The page's HTML with its site images as `<picture>`s (unchanged when it has none). */
  async rewrite(html: string, pageUrl: string): Promise<string> {
    const found = this.siteImagesIn(html, pageUrl);
    if (found.length === 0) return html;
    let result = "";
    let from = 0;
    for (const image of found) {
      const encoded = await this.process(image.asset);
      if (!encoded) continue;
      const { metadata } = encoded;
      const attributes: Record<string, string> = { loading: "lazy", decoding: "async", ...image.attributes, sizes: IMAGE_SIZES };
      attributes.alt ??= "";
      for (const name of Object.keys(attributes))
        if (!ATTRIBUTE_NAME.test(name) || ["src", "srcset", "width", "height"].includes(name)) delete attributes[name];
      const picture = markupOf(generateObject(metadata, attributes));
      // A link is named by its image's alt text: an image without one gets none (its warning says why).
      const linked = attributes.alt.trim()
        ? `<a class="image-link" href="${escapeHtml(image.src)}">${picture}</a>`
        : `<span class="image-link">${picture}</span>`;
      result += html.slice(from, image.start) + linked;
      from = image.end;
    }
    return result + html.slice(from);
  }

  private process(asset: string): Promise<EncodedImage | undefined> {
    let processed = this.done.get(asset);
    if (!processed) {
      processed = this.encodeIntoBuild(asset);
      this.done.set(asset, processed);
    }
    return processed;
  }

  /**
   * A file that is not an image the library reads (a broken or misnamed file) is published as it
   * is, as Jekyll publishes it, and reported (unreadable-images.ts): one bad screenshot doesn't
   * stop the build.
   */
  private async encodeIntoBuild(asset: string): Promise<EncodedImage | undefined> {
    const file = this.options.assets[asset]!;
    let encoded: EncodedImage;
    try {
      encoded = await this.cache.encode(file);
    } catch (error) {
      this.unreadable.push({ file: path.relative(this.options.root, file), reason: (error as Error).message });
      return undefined;
    }
    if (encoded.encoded) this.encodedCount++;
    const target = path.join(this.options.buildDir, this.urlPath);
    await mkdir(target, { recursive: true });
    for (const variants of Object.values(encoded.metadata)) {
      for (const variant of variants) await copyFile(path.join(encoded.folder, variant.filename), path.join(target, variant.filename));
    }
    return encoded;
  }

  /** The `<img>` tags of the page's content that show one of the site's raster images, in order. */
  private siteImagesIn(html: string, pageUrl: string): FoundImage[] {
    if (!html.includes("<img")) return [];
    const found: FoundImage[] = [];
    const open: string[] = [];
    let leaveDepth = 0;
    const parser = new Parser(
      {
        onopentag: (name, attributes) => {
          if (name === "img") {
            const asset = leaveDepth === 0 ? this.assetOf(attributes.src, pageUrl) : undefined;
            if (asset) found.push({ start: parser.startIndex, end: parser.endIndex + 1, src: attributes.src!, asset, attributes: { ...attributes } });
            return;
          }
          open.push(name);
          if (LEAVE_INSIDE.has(name)) leaveDepth++;
        },
        onclosetag: (name, isImplied) => {
          if (name === "img" || (isImplied && !open.includes(name))) return;
          while (open.length > 0) {
            const closed = open.pop()!;
            if (LEAVE_INSIDE.has(closed)) leaveDepth--;
            if (closed === name) break;
          }
        },
      },
      { decodeEntities: true },
    );
    parser.end(html);
    return found;
  }

  /** The asset (relative to content/assets/) a `src` shows, when it is one of the site's raster images. */
  private assetOf(src: string | undefined, pageUrl: string): string | undefined {
    if (!src || !RASTER.test(src.split(/[?#]/)[0]!)) return undefined;
    let url: URL;
    try {
      url = new URL(src.trim(), ORIGIN + pageUrl);
    } catch {
      return undefined;
    }
    const prefix = `${this.options.baseurl}/assets/`;
    if (url.origin !== ORIGIN || !url.pathname.startsWith(prefix)) return undefined;
    let asset: string;
    try {
      asset = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return undefined;
    }
    return this.assets.has(asset) ? asset : undefined;
  }
}

/**
 * The markup, every value escaped (the library's own generateHTML escapes only `alt`, and an
 * author's `title` may hold a quote).
 */
function markupOf(object: MarkupObject): string {
  return Object.entries(object)
    .map(([tag, attributes]) => {
      const { [CHILDREN]: children, ...own } = attributes;
      const attributeText = Object.entries(own)
        .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
        .join("");
      const inner = Array.isArray(children) ? (children as MarkupObject[]).map(markupOf).join("") : "";
      return tag === "img" || tag === "source" ? `<${tag}${attributeText}>` : `<${tag}${attributeText}>${inner}</${tag}>`;
    })
    .join("");
}

interface FoundImage {
  /** Where the tag starts and ends in the page's HTML. */
  start: number;
  end: number;
  src: string;
  asset: string;
  attributes: Record<string, string>;
}
