import { readFile } from "node:fs/promises";
import path from "node:path";
import { listFiles } from "../model/files.ts";
import { escapePath } from "../model/permalinks.ts";
import type { PageProcessor, RenderedPage } from "../render/page-output.ts";
import { IndexerFailure, PagefindService, type PagefindServiceOptions, type ServicePayload } from "./pagefind-service.ts";

/**
 * The site's search index, built with Pagefind: only what a page marks with `data-pagefind-body`
 * (the article; not the navigation around it), split into sections at each heading with an id,
 * so a result can link straight to the step. Written to `<baseurl>/pagefind/`, where site.js
 * loads it from.
 *
 * A build indexes its pages as they are written (`createSearchIndexer`, on the page writer's
 * thread), so that Pagefind, which runs in a process of its own (pagefind-service.ts), works
 * while the rest of the site renders; `writeSearchIndex` indexes a folder of HTML after the fact.
 */

/**
 * Pages sent to Pagefind ahead of its answers. Its service indexes one page at a time, so waiting
 * for each answer before sending the next page left it idle half the time; a few pages queued
 * keep it busy without holding the whole site in memory.
 */
const PAGES_IN_FLIGHT = 16;

interface SentPage {
  file: string;
  added: Promise<ServicePayload>;
}

/** One Pagefind index, fed page by page. Pagefind numbers pages in the order they are added. */
class SearchIndex {
  private readonly inFlight: SentPage[] = [];

  private constructor(
    private readonly service: PagefindService,
    private readonly indexId: unknown,
    private readonly pageHtml: (html: string) => string,
  ) {}

  static async create(pageHtml: (html: string) => string, options: PagefindServiceOptions = {}): Promise<SearchIndex> {
    const service = new PagefindService(options);
    try {
      const created = await service.request({ type: "NewIndex", config: { force_language: "en" } });
      return new SearchIndex(service, created.index_id, pageHtml);
    } catch (error) {
      await service.close();
      throw failure(error, "the search index could not be started");
    }
  }

  /** `file`: the page's path below the site folder, `/`-separated. */
  async add(file: string, html: string): Promise<void> {
    if (this.inFlight.length === PAGES_IN_FLIGHT) await confirmAdded(this.inFlight.shift()!);
    const added = this.service.request({ type: "AddFile", index_id: this.indexId, url: servedUrl(file), file_contents: this.pageHtml(html) });
    // Awaited in turn by confirmAdded; until then a failure must not count as unhandled.
    added.catch(() => {});
    this.inFlight.push({ file, added });
  }

  /** Every HTML file below `siteDir`, in path order. */
  async addAll(siteDir: string): Promise<void> {
    const files = (await listFiles(siteDir)).filter((file) => file.endsWith(".html")).sort();
    for (const file of files) await this.add(file, await readFile(path.join(siteDir, file), "utf8"));
  }

  /** Runs `work`; if it fails, Pagefind's process is stopped before the error goes on. */
  async closedOnError(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await this.service.close();
      throw error;
    }
  }

  /** Stops Pagefind's process without writing the index (the build failed). */
  close(): Promise<void> {
    return this.service.close();
  }

  async write(outputPath: string): Promise<void> {
    try {
      for (const page of this.inFlight.splice(0)) await confirmAdded(page);
      await this.service.request({ type: "WriteFiles", index_id: this.indexId, output_path: outputPath }).catch((error: unknown) => {
        throw failure(error, "search index");
      });
    } finally {
      await this.service.close();
    }
  }
}

async function confirmAdded({ file, added }: SentPage): Promise<void> {
  await added.catch((error: unknown) => {
    throw failure(error, `search index: ${file}`);
  });
}

/** An error answer, said of what it was about; a failure of the indexer's process, as it is. */
function failure(error: unknown, about: string): Error {
  return error instanceof IndexerFailure ? error : new Error(`${about}: ${(error as Error).message}`);
}

/**
 * Indexes every HTML file below `siteDir` into a Pagefind bundle at `outputPath`, in path order.
 * `pageHtml` picks what of each page Pagefind is given (tests pass the page whole).
 */
export async function writeSearchIndex(siteDir: string, outputPath: string, pageHtml: (html: string) => string = withoutPageChrome): Promise<void> {
  const index = await SearchIndex.create(pageHtml);
  await index.closedOnError(() => index.addAll(siteDir));
  await index.write(outputPath);
}

/** How a build runs its indexer (tests give it less time to answer). */
export type SearchIndexSettings = PagefindServiceOptions;

export interface SearchIndexOptions extends SearchIndexSettings {
  /** The folder the build writes the site into. */
  siteDir: string;
  /** Where the Pagefind bundle goes (`<siteDir>/<baseurl>/pagefind`). */
  bundleDir: string;
}

export interface SearchIndexResult {
  /** Pages in the index (those marked for search); 0: no index was written. */
  pages: number;
  /** How long indexing held the build up once every page was written. */
  finishMs: number;
  /** The most pages held at once, waiting for a page before them in URL order. */
  mostHeld: number;
}

/**
 * The build's search indexer (see page-work.ts): adds each HTML page as it is written, in the order
 * of the build's URLs (`RenderedPage.order`) whatever order they arrive in, so that two builds of
 * the same site give the same index. The page writer starts pages in that order, so pages are
 * rarely held here. Pages without a place in that order, and HTML files the build copied, go in
 * last, in path order; the bundle is written once every page is written.
 *
 * Only pages marked for search (`data-pagefind-body`) are given to Pagefind, and its process starts
 * with the first of them: once any page of a site is marked, Pagefind leaves every unmarked page
 * out of the index anyway, so giving it those was work for nothing. A site with no marked page
 * (a Jekyll site on its own layouts: no page has the theme's search box) gets no index, as
 * Jekyll makes none; on a 1,102-page Jekyll site that was a quarter of the build.
 */
export async function createSearchIndexer(options: SearchIndexOptions): Promise<PageProcessor<SearchIndexResult>> {
  let index: Promise<SearchIndex> | undefined;
  const started = () => (index ??= SearchIndex.create(withoutPageChrome, { answerWithinMs: options.answerWithinMs }));
  // By order; null for a page that is not marked (its turn passes, nothing is added).
  const early = new Map<number, { file: string; html: string } | null>();
  const unordered: Array<{ file: string; html: string }> = [];
  let next = 0;
  let mostHeld = 0;
  let indexed = 0;
  // Every HTML file that came through here, marked or not (the others on disk were copied).
  const seen = new Set<string>();
  const add = async (entry: { file: string; html: string }) => {
    const searchIndex = await started();
    await searchIndex.closedOnError(() => searchIndex.add(entry.file, entry.html));
    indexed++;
  };
  const fileOf = (page: RenderedPage) => path.relative(options.siteDir, page.outputPath).split(path.sep).join("/");
  return {
    async page(page) {
      if (!page.outputPath.endsWith(".html")) return;
      const file = fileOf(page);
      seen.add(file);
      const entry = isMarkedForSearch(page.content) ? { file, html: page.content } : null;
      if (page.order < 0) return void (entry && unordered.push(entry));
      early.set(page.order, entry);
      mostHeld = Math.max(mostHeld, early.size - (early.has(next) ? 1 : 0));
      for (let ready = early.get(next); ready !== undefined; ready = early.get(next)) {
        early.delete(next++);
        if (ready) await add(ready);
      }
    },
    async finish() {
      const start = performance.now();
      // A page that never came (it failed to render) leaves the rest here: the build fails anyway.
      const held = [...early.entries()].sort(([a], [b]) => a - b).flatMap(([, entry]) => (entry ? [entry] : []));
      const last = unordered.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      for (const entry of [...held, ...last]) await add(entry);
      const copied = (await listFiles(options.siteDir)).filter((file) => file.endsWith(".html") && !seen.has(file)).sort();
      for (const file of copied) {
        const html = await readFile(path.join(options.siteDir, file), "utf8");
        if (isMarkedForSearch(html)) await add({ file, html });
      }
      if (index) await (await index).write(options.bundleDir);
      return { finishMs: Math.round(performance.now() - start), mostHeld, pages: indexed };
    },
    // An indexer that failed to start has nothing to stop.
    close: () =>
      index?.then(
        (started) => started.close(),
        () => {},
      ),
  };
}

const isMarkedForSearch = (html: string) => html.includes("data-pagefind-body");

/**
 * The page without what lies between `<body>` and the element marked `data-pagefind-body`: the
 * site header, sidebar, breadcrumbs and table of contents, about half of every page. Pagefind
 * indexes only inside that element, so it would parse all of it just to drop it; the index comes
 * out the same (tests/publish/search-index.test.ts compares). Pagefind does read its attributes
 * (`data-pagefind-meta`, `-filter`, ...) anywhere in a page, so a page with any in that stretch
 * is left whole, and so is a page without the marker.
 */
export function withoutPageChrome(html: string): string {
  const marker = html.indexOf("data-pagefind-body");
  const body = html.indexOf("<body");
  if (marker < 0 || body < 0) return html;
  const afterBodyTag = html.indexOf(">", body) + 1;
  const markedElement = html.lastIndexOf("<", marker);
  if (markedElement < afterBodyTag) return html;
  if (html.slice(afterBodyTag, markedElement).includes("data-pagefind")) return html;
  return html.slice(0, afterBodyTag) + html.slice(markedElement);
}

/**
 * The URL a static host serves a file at: `docs/common/x.html` -> `/docs/common/x`. A Jekyll
 * site's file names may hold what its URLs encode (`c# tips/`): each name is escaped as Jekyll's
 * URL.escape_path does it (`/c%23%20tips/`), so that a result's link is the page's own URL and a
 * `#` in it no fragment.
 */
export function servedUrl(file: string): string {
  const url = `/${file.split("/").map(escapePath).join("/")}`;
  if (url.endsWith("/index.html")) return url.slice(0, -"index.html".length);
  return url.replace(/\.html$/, "");
}
