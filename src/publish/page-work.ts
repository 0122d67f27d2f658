import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pageSummarizer } from "../checks/output/page-summaries.ts";
import type { OutputPage } from "../checks/output/page-summary.ts";
import type { PageProcessor, RenderedPage } from "../render/page-output.ts";
import { type ImageStats, SiteImages, type SiteImagesOptions } from "./images.ts";
import { createSearchIndexer, type SearchIndexOptions, type SearchIndexResult } from "./search-index.ts";

/**
 * What happens to each rendered page (page-sink.ts runs it, on a thread of its own for a large
 * site): the output checks' summary of it (of the page as rendered), its site images as
 * `<picture>`s (images.ts), its entry in the search index, and the file itself.
 * Files are written in the background (libuv's threads), so that a slow disk holds up neither
 * the summaries nor the rendering; `finish` waits for every write. The first failure (a write,
 * the indexer) is told through `onFailure` at once, so that the build stops rendering pages
 * nobody will keep; after it, pages are only dropped.
 */

export interface PageWorkOptions {
  /** Summarise each HTML page for the output checks. */
  summarize: boolean;
  /** Index each HTML page for search (Pagefind). */
  searchIndex?: SearchIndexOptions;
  /** Serve the pages' site images in modern formats and sizes. */
  images?: SiteImagesOptions;
}

export interface PageWorkResult {
  /** The summaries of the pages written, in the order they were written. */
  summaries: OutputPage[];
  searchIndex?: SearchIndexResult;
  images?: ImageStats;
}

export class PageWork {
  private readonly createdDirs = new Set<string>();
  private readonly writes = new Set<Promise<void>>();
  private failure: string | undefined;

  private constructor(
    private readonly summarizer: PageProcessor<OutputPage[]> | undefined,
    private readonly indexer: PageProcessor<SearchIndexResult> | undefined,
    private readonly onFailure: (message: string) => void,
    private readonly images: SiteImages | undefined,
  ) {}

  static async start(options: PageWorkOptions, onFailure: (message: string) => void): Promise<PageWork> {
    const indexer = options.searchIndex ? await createSearchIndexer(options.searchIndex) : undefined;
    const images = options.images ? new SiteImages(options.images) : undefined;
    return new PageWork(options.summarize ? pageSummarizer() : undefined, indexer, onFailure, images);
  }

  get failed(): string | undefined {
    return this.failure;
  }

  /** Takes a page; `written` is called once its file is written (or the page is dropped). */
  async take(page: RenderedPage, written: () => void): Promise<void> {
    if (this.failure !== undefined) return written();
    try {
      await this.summarizer?.page(page);
      if (this.images && page.outputPath.endsWith(".html")) page = { ...page, content: await this.images.rewrite(page.content, page.url) };
      await this.indexer?.page(page);
      this.makeFolderFor(page.outputPath);
    } catch (error) {
      this.fail((error as Error).message);
      return written();
    }
    // The page's text stays in memory until its file is written.
    const write: Promise<void> = writeFile(page.outputPath, page.content)
      .catch((error: Error) => this.fail(`could not write the site: ${page.outputPath}: ${error.message}`))
      .finally(() => {
        this.writes.delete(write);
        written();
      });
    this.writes.add(write);
  }

  /** Once every write is done: the summaries and the index's figures, or the first failure. */
  async finish(): Promise<PageWorkResult> {
    await Promise.all(this.writes);
    if (this.failure !== undefined) throw new Error(this.failure);
    try {
      const searchIndex = await this.indexer?.finish();
      return { summaries: (await this.summarizer?.finish()) ?? [], searchIndex, images: this.images?.stats };
    } catch (error) {
      this.fail((error as Error).message);
      throw new Error(this.failure);
    }
  }

  /** Stops what the work started (the indexer's process) without finishing it: the build failed. */
  async abandon(): Promise<void> {
    await this.indexer?.close?.();
  }

  private makeFolderFor(file: string): void {
    const dir = path.dirname(file);
    if (this.createdDirs.has(dir)) return;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new Error(`could not write the site: ${file}: ${(error as Error).message}`);
    }
    this.createdDirs.add(dir);
  }

  private fail(message: string): void {
    if (this.failure !== undefined) return;
    this.failure = message;
    this.onFailure(message);
  }
}
