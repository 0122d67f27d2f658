import path from "node:path";
import type { PageOutput, RenderedPage } from "../render/page-output.ts";
import { createPageSink, type PageSink } from "./page-sink.ts";
import type { PageWorkOptions, PageWorkResult } from "./page-work.ts";

/**
 * The render stage's PageOutput (src/render/page-output.ts): each page goes to the page sink the
 * moment it is rendered (it is summarised, indexed and written there), and to the build's
 * listeners.
 *
 * It also decides when each page renders (`turn`, the Liquid engine's page gate): one page at a
 * time, in the order of their URLs, and only while the sink has room. That bounds the build's
 * memory whatever the disk, and the search index, which numbers pages in the order they reach
 * it, comes out the same on every machine (Eleventy's own order follows the file system's).
 */

export type PageListener = (page: RenderedPage) => void;

interface WaitingPage {
  /** Where the page stands in the build's sorted list of HTML pages. */
  order: number;
  url: string;
  start(): void;
}

/** Last first, so that the next page to start is popped off the end. */
const lastFirst = (a: WaitingPage, b: WaitingPage) => b.order - a.order || (a.url < b.url ? 1 : a.url > b.url ? -1 : 0);

export class PageWriter implements PageOutput {
  private readonly sink: PageSink;
  /** Each HTML page's place in the build's URLs, sorted (from Eleventy's content map). */
  private order = new Map<string, number>();
  private readonly waiting: WaitingPage[] = [];
  private waitingSorted = true;
  private starting = false;

  /**
   * `outputDir`: the folder the build writes into (a page headed anywhere else fails the build);
   * `pages`: about how many the build writes (a large build does the pages' work on a thread).
   */
  constructor(
    private readonly outputDir: string,
    work: PageWorkOptions,
    pages: number,
    private readonly listeners: readonly PageListener[] = [],
  ) {
    this.sink = createPageSink(work, pages);
  }

  expect(urls: readonly string[]): void {
    this.order = new Map(urls.map((url, i) => [url, i]));
  }

  /**
   * Pages start one per turn of the event loop, so that each runs through its layouts and reaches
   * the writer before the next starts: first in URL order of those waiting, and only while the
   * sink has room.
   */
  turn(url: string): Promise<void> {
    return new Promise((start) => {
      this.waiting.push({ order: this.order.get(url) ?? Number.MAX_SAFE_INTEGER, url, start });
      this.waitingSorted = false;
      if (!this.starting) void this.startInTurn();
    });
  }

  take(page: RenderedPage): void {
    // The checks refuse such permalinks at their line; this is the last guard.
    const relative = path.relative(this.outputDir, path.resolve(page.outputPath));
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new Error(`${page.inputPath}: the page would be written to ${page.outputPath}, outside the site's folder ${this.outputDir}`);
    }
    for (const listener of this.listeners) listener(page);
    this.sink.send(page);
  }

  /** Resolves once every page is on disk, with the pages' summaries; a page that could not be written rejects it. */
  finish(): Promise<PageWorkResult> {
    return this.sink.finish();
  }

  /** What stopped the writer, once something has (a build that fails for it says so). */
  get failed(): Error | undefined {
    return this.sink.failed;
  }

  /** Stops the writer without waiting for its pages (the build failed). */
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
}
