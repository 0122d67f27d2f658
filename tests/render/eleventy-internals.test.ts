import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { forgetEleventyCaches } from "../../src/render/eleventy-internals.ts";
import { pinnedAndInstalled } from "../helpers/pinned.ts";
import { buildProjectSite } from "../helpers/site.ts";

/**
 * src/render/eleventy-internals.ts reaches into Eleventy's private caches. These tests fail when
 * an upgrade moves them: first the pin itself, then what the adapter relies on.
 */

describe("Eleventy's internals, as the adapter uses them", () => {
  it("is the exact version package.json pins", () => {
    const { pinned, installed } = pinnedAndInstalled("@11ty/eleventy");
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
  });

  it("keeps templates in caches that a build fills and forgetEleventyCaches empties", async () => {
    const source = path.dirname(fileURLToPath(import.meta.resolve("@11ty/eleventy")));
    const load = async (file: string) => ((await import(pathToFileURL(path.join(source, file)).href)) as { default: unknown }).default;
    const templateContent = (await load("TemplateContent.js")) as { _inputCache: unknown; _compileCache: unknown };
    const layoutCache = (await load("LayoutCache.js")) as { removeAll: unknown; size?: number };
    expect(templateContent._inputCache).toBeInstanceOf(Map);
    expect(templateContent._compileCache).toBeInstanceOf(Map);
    expect(typeof layoutCache.removeAll).toBe("function");

    const site = await buildProjectSite();
    try {
      const compiled = templateContent._compileCache as Map<string, unknown>;
      expect(compiled.size).toBeGreaterThan(0);
      forgetEleventyCaches();
      expect(compiled.size).toBe(0);
      expect((templateContent._inputCache as Map<string, unknown>).size).toBe(0);
    } finally {
      await site.cleanup();
    }
  });
});
