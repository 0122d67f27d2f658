import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cp } from "node:fs/promises";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";

/**
 * Writes each page to disk the moment it is rendered, in place of Eleventy's writer. Eleventy
 * keeps every page's final HTML in memory until the whole build is written (in each Template and
 * in the build's results), which at thousands of tutorials is hundreds of megabytes. This writer
 * is Eleventy's last transform: it writes the page, hands it to the listeners (the checks), and
 * gives Eleventy an empty string to keep. Eleventy runs in dry-run mode, so it writes nothing
 * itself (not even its passthrough copies: see copyPassthrough).
 */
export interface WrittenPage {
  /** The file written, as Eleventy names it (its `outputPath`). */
  outputPath: string;
  /** Eleventy's URL of the page (`/docs/common/x.html`). */
  url: string;
  inputPath: string;
  content: string;
}

export type PageListener = (page: WrittenPage) => void;

export class PageWriter {
  private readonly listeners: PageListener[] = [];
  private readonly createdDirs = new Set<string>();

  onPage(listener: PageListener): void {
    this.listeners.push(listener);
  }

  /** Call after every other transform is added: transforms run in the order they were added. */
  install(eleventyConfig: EleventyConfig): void {
    // Eleventy warns on the console when a transform takes a large share of the build: this one
    // does the writing (and the checks' parse) by design.
    (eleventyConfig.benchmarkManager as { get(group: string): { setIsVerbose(verbose: boolean): void } } | undefined)
      ?.get("Configuration")
      .setIsVerbose(false);
    const writer = this;
    eleventyConfig.addTransform("write-page", function (content: unknown) {
      const { outputPath, inputPath, url } = this.page as { outputPath: string | false; inputPath: string; url?: string | false };
      if (typeof outputPath !== "string") return content;
      writer.write({ outputPath, inputPath, url: typeof url === "string" ? url : "", content: String(content) });
      return "";
    });
  }

  private write(page: WrittenPage): void {
    const dir = path.dirname(page.outputPath);
    if (!this.createdDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.createdDirs.add(dir);
    }
    writeFileSync(page.outputPath, page.content);
    for (const listener of this.listeners) listener(page);
  }
}

/**
 * Eleventy's passthrough copies (`addPassthroughCopy({ "<input>": "<output>" })`), which its dry
 * run skips, copied here. Only plain file or folder paths: globs are Eleventy's business.
 */
export async function copyPassthrough(eleventyConfig: EleventyConfig, outputDir: string): Promise<void> {
  const copies = (eleventyConfig.passthroughCopies ?? {}) as Record<string, { outputPath: unknown }>;
  for (const [input, { outputPath }] of Object.entries(copies)) {
    if (typeof outputPath !== "string" || /[*?{[]/.test(input)) {
      throw new Error(`passthrough copy "${input}": the page writer copies only "<path>": "<output path>" pairs`);
    }
    if (existsSync(input)) await cp(input, path.join(outputDir, outputPath), { recursive: true });
  }
}
