import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { PageSink, type ProcessorResult, type WrittenPage } from "./page-sink.ts";

export type { WrittenPage } from "./page-sink.ts";

/**
 * Writes each page to disk the moment it is rendered, in place of Eleventy's writer. Eleventy
 * keeps every page's final HTML in memory until the whole build is written (in each Template and
 * in the build's results), which at thousands of tutorials is hundreds of megabytes. This writer
 * is Eleventy's last transform: it hands the page to the PageSink, which writes it (and runs the
 * page processors, such as the checks' summaries) on a thread of its own, hands it to the
 * in-process listeners, and gives Eleventy an empty string to keep. Eleventy runs in dry-run
 * mode, so it writes nothing itself (not even its passthrough copies: see copyPassthrough).
 */
export type PageListener = (page: WrittenPage) => void;

export class PageWriter {
  private readonly listeners: PageListener[] = [];
  private readonly sink = new PageSink();

  onPage(listener: PageListener): void {
    this.listeners.push(listener);
  }

  /** Runs a page processor module on the writer's thread (see PageSink.process). */
  process<Result>(module: URL, options?: unknown): ProcessorResult<Result> {
    return this.sink.process<Result>(module, options);
  }

  /** Call after every other transform is added: transforms run in the order they were added. */
  install(eleventyConfig: EleventyConfig): void {
    // Eleventy warns on the console when a transform takes a large share of the build: this one
    // does the writing by design.
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

  /** Resolves when the writer has room for another page (see JekyllLiquid.pageGate). */
  room(): Promise<void> {
    return this.sink.room();
  }

  /** Resolves once every page is on disk; a page that could not be written rejects it. */
  finish(): Promise<void> {
    return this.sink.finish();
  }

  /** Stops the writer's thread without waiting for its pages (the build failed). */
  abandon(): Promise<void> {
    return this.sink.close();
  }

  private write(page: WrittenPage): void {
    for (const listener of this.listeners) listener(page);
    this.sink.send(page);
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
