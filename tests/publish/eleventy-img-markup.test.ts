import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { GENERATE_HTML_MODULE, generateObject } from "../../src/publish/eleventy-img-markup.ts";
import { pinnedAndInstalled } from "../helpers/pinned.ts";

/**
 * src/publish/eleventy-img-markup.ts takes eleventy-img's markup generator from a module private
 * to the package (its entry loads sharp). These fail when an upgrade moves or changes it.
 */

describe("eleventy-img's markup generator, as the adapter takes it", () => {
  it("is the exact version package.json pins", () => {
    const { pinned, installed } = pinnedAndInstalled("@11ty/eleventy-img");
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
  });

  it("is the function the package exports, and makes the same <picture>", () => {
    const require = createRequire(import.meta.url);
    const exported = (require("@11ty/eleventy-img") as { generateObject: unknown }).generateObject;
    expect((require(GENERATE_HTML_MODULE) as { generateObject: unknown }).generateObject).toBe(exported);
    const variant = (format: string, width: number) => ({
      format,
      width,
      height: width / 2,
      url: `/docs/assets/images/tunnel-${width}.${format}`,
      sourceType: `image/${format}`,
      srcset: `/docs/assets/images/tunnel-${width}.${format} ${width}w`,
      filename: `tunnel-${width}.${format}`,
      size: width * 10,
    });
    const metadata = { webp: [variant("webp", 400), variant("webp", 800)], png: [variant("png", 400), variant("png", 800)] };
    const attributes = { alt: "The tunnel", sizes: "100vw" };
    const picture = generateObject(metadata, attributes) as { picture: { "@children": Array<Record<string, Record<string, string>>> } };
    expect(picture).toEqual((exported as typeof generateObject)(metadata, attributes));
    expect(picture.picture["@children"].map((child) => Object.keys(child)[0])).toEqual(["source", "img"]);
    expect(picture.picture["@children"][1]!.img!.src).toBe("/docs/assets/images/tunnel-400.png");
  });
});
