import { existsSync, statSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { EleventyPage } from "../jekyll/engine.ts";
import { filesBelowSync, isWithinRoot } from "../model/files.ts";
import { PageSink, type ProcessorResult, type WrittenPage } from "./page-sink.ts";

export type { WrittenPage } from "./page-sink.ts";

/**
 * Writes each page to disk the moment it is rendered, in place of Eleventy's writer. Eleventy
 * keeps every page's final HTML in memory until the whole build is written (in each Template and
 * in the build's results), which at thousands of tutorials is hundreds of megabytes. This writer
 * is Eleventy's last transform: it hands the page to the PageSink, which writes it (and runs the
 * page processors: the checks' summaries, the search index) on a thread of its own, hands it to
 * the in-process listeners, and gives Eleventy an empty string to keep. Eleventy runs in dry-run
 * mode, so it writes nothing itself (not even its passthrough copies: see copyPassthrough).
 *
 * It also decides when each page renders (`turn`, the Liquid engine's page gate): one page at a
 * time, in the order of their URLs, and only while the sink has room. The search index numbers
 * pages in the order they reach it, so that order must not depend on the machine (Eleventy's
 * own follows the file system's directory order).
 */
export type PageListener = (page: WrittenPage) => void;

interface WaitingPage {
  /** Where the page stands in the build's sorted list of HTML pages. */
  order: number;
  url: string;
  start(): void;
}

/** Last first, so that the next page to start is popped off the end. */
const lastFirst = (a: WaitingPage, b: WaitingPage) => b.order - a.order || (a.url < b.url ? 1 : a.url > b.url ? -1 : 0);

const isHtmlUrl = (url: string) => url.endsWith(".html") || url.endsWith("/");

export class PageWriter {
  /** `outputDir`: the folder the build writes into; a page headed anywhere else fails the build. */
  constructor(private readonly outputDir: string) {}

  private readonly listeners: PageListener[] = [];
  private readonly sink = new PageSink();
  /** Each HTML page's place in the build's URLs, sorted (from Eleventy's content map). */
  private order = new Map<string, number>();
  private readonly waiting: WaitingPage[] = [];
  private waitingSorted = true;
  private starting = false;

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
    // Every page's URL is known before the first one renders.
    eleventyConfig.on("eleventy.contentMap", ({ urlToInputPath }: { urlToInputPath: Record<string, unknown> }) => {
      const urls = Object.keys(urlToInputPath).filter(isHtmlUrl).sort();
      this.order = new Map(urls.map((url, i) => [url, i]));
    });
    const writer = this;
    eleventyConfig.addTransform("write-page", function (content: unknown) {
      const { outputPath, inputPath, url } = this.page as { outputPath: string | false; inputPath: string; url?: string | false };
      if (typeof outputPath !== "string") return content;
      const pageUrl = typeof url === "string" ? url : "";
      writer.write({ outputPath, inputPath, url: pageUrl, order: writer.order.get(pageUrl) ?? -1, content: String(content) });
      return "";
    });
  }

  /**
   * Resolves when the page may start its layouts (JekyllLiquid.pageGate): pages start one per
   * turn of the event loop, so that each runs through its layouts and reaches the writer before
   * the next starts, first in URL order of those waiting, and only while the sink has room.
   */
  turn(page: EleventyPage): Promise<void> {
    const url = typeof page.url === "string" ? page.url : "";
    return new Promise((start) => {
      this.waiting.push({ order: this.order.get(url) ?? Number.MAX_SAFE_INTEGER, url, start });
      this.waitingSorted = false;
      if (!this.starting) void this.startInTurn();
    });
  }

  /** Resolves once every page is on disk; a page that could not be written rejects it. */
  finish(): Promise<void> {
    return this.sink.finish();
  }

  /** What stopped the writer's thread, once something has (a build that fails for it says so). */
  get failed(): Error | undefined {
    return this.sink.failed;
  }

  /** Stops the writer's thread without waiting for its pages (the build failed). */
  abandon(): Promise<void> {
    return this.sink.close();
  }

  private async startInTurn(): Promise<void> {
    this.starting = true;
    try {
      while (this.waiting.length > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        await this.sink.room();
        if (!this.waitingSorted) {
          this.waiting.sort(lastFirst);
          this.waitingSorted = true;
        }
        this.waiting.pop()!.start();
      }
    } finally {
      this.starting = false;
    }
  }

  private write(page: WrittenPage): void {
    // The checks refuse such permalinks at their line; this is the last guard, for a build run without them.
    const relative = path.relative(this.outputDir, path.resolve(page.outputPath));
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new Error(`${page.inputPath}: the page would be written to ${page.outputPath}, outside the site's folder ${this.outputDir}`);
    }
    for (const listener of this.listeners) listener(page);
    this.sink.send(page);
  }
}

/**
 * Eleventy's passthrough copies (`addPassthroughCopy({ "<input>": "<output>" })`), which its dry
 * run skips, copied here. Only plain file or folder paths: globs are Eleventy's business. Each
 * file is copied as a file: a symbolic link is followed only when it leads to a file inside
 * `root`, the site's folder (list-files.ts), so the output holds no links and nothing from
 * outside the site. Dotfiles are not copied.
 */
export async function copyPassthrough(eleventyConfig: EleventyConfig, outputDir: string, root: string): Promise<void> {
  const copies = (eleventyConfig.passthroughCopies ?? {}) as Record<string, { outputPath: unknown }>;
  for (const [input, { outputPath }] of Object.entries(copies)) {
    if (typeof outputPath !== "string" || /[*?{[]/.test(input)) {
      throw new Error(`passthrough copy "${input}": the page writer copies only "<path>": "<output path>" pairs`);
    }
    if (!existsSync(input)) continue;
    const target = path.join(outputDir, outputPath);
    const folder = statSync(input).isDirectory();
    const files = folder ? filesBelowSync(input, root) : isWithinRoot(input, root) ? [input] : [];
    for (const file of files) {
      const destination = folder ? path.join(target, path.relative(input, file)) : target;
      await mkdir(path.dirname(destination), { recursive: true });
      await copyFile(file, destination);
    }
  }
}
