import type { Worker } from "node:worker_threads";
import { startTsWorker } from "../support/threads.ts";

/** A page as Eleventy hands it over once rendered. */
export interface WrittenPage {
  /** The file written, as Eleventy names it (its `outputPath`). */
  outputPath: string;
  /** Eleventy's URL of the page (`/docs/common/x.html`). */
  url: string;
  inputPath: string;
  /** Its place among the build's HTML pages in URL order; -1 when it has none. */
  order: number;
  content: string;
}

/**
 * What a page processor module exports as `createPageProcessor(options)` (which may be async):
 * it sees every page the sink writes, on the sink's thread, and its `finish()` value is handed
 * back to the build once every page is written. A `page()` that returns a promise holds the
 * sink (and so, through the page gate, the rendering) until it settles. `options` and the
 * result cross between threads, so they must be structured-cloneable.
 */
export interface PageProcessor<Result> {
  page(page: WrittenPage): void | Promise<void>;
  finish(): Result | Promise<Result>;
}

export type SinkMessage =
  | { type: "processors"; processors: Array<{ module: string; options: unknown }> }
  | { type: "page"; page: WrittenPage }
  | { type: "finish" };

/** `failed` tells the first failure as it happens; `finished` answers `finish`, once every write is done. */
export type SinkReply = { type: "written" } | { type: "failed"; message: string } | { type: "finished"; results: unknown[] } | { type: "finished"; failure: string };

/**
 * Pages sent ahead of the sink's thread: enough to even out a run of quick pages, few enough that
 * a slow disk cannot make the build hold much in memory.
 */
const PAGES_IN_FLIGHT = 64;

/**
 * Writes a build's pages, and runs whatever reads them (the checks' page summaries), on a thread
 * of its own, so that the main thread only renders. The processors see the pages in the order
 * they were sent. `finish()` resolves once every page is written, with each processor's result;
 * a page that could not be written fails it.
 */
export class PageSink {
  private readonly worker: Worker;
  private readonly processors: Array<{ module: string; options: unknown }> = [];
  private readonly results: Array<ProcessorResult<unknown>> = [];
  private started = false;
  private inFlight = 0;
  /** Senders waiting for room, first come first served. */
  private readonly waitingForRoom: Array<() => void> = [];
  private finished: { resolve(results: unknown[]): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;
  /** The thread has failed or stopped: nothing more will come from it. */
  private gone = false;

  constructor() {
    this.worker = startTsWorker(new URL("./page-sink-worker.ts", import.meta.url));
    this.worker.on("message", (reply: SinkReply) => this.received(reply));
    this.worker.on("error", (error) => this.threadGone(new Error(`the page writer's thread failed: ${error.message}`, { cause: error })));
    this.worker.on("exit", (code) => this.threadGone(new Error(`the page writer's thread stopped (exit code ${code})`)));
  }

  /**
   * Adds a processor (a module exporting `createPageProcessor`), before the first page is sent.
   * Its result is there once `finish()` has resolved.
   */
  process<Result>(module: URL, options?: unknown): ProcessorResult<Result> {
    if (this.started) throw new Error("page processors must be added before the first page is sent");
    this.processors.push({ module: module.href, options });
    const result = new ProcessorResult<Result>();
    this.results.push(result as ProcessorResult<unknown>);
    return result;
  }

  /** What stopped the sink (its thread, a write or a processor failed), once something has. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Queues a page for the sink's thread. */
  send(page: WrittenPage): void {
    if (this.failure) throw this.failure;
    this.start();
    this.inFlight++;
    this.post({ type: "page", page });
  }

  /** Resolves once fewer than PAGES_IN_FLIGHT pages wait for the sink's thread (at once, mostly). */
  async room(): Promise<void> {
    if (this.inFlight >= PAGES_IN_FLIGHT && !this.failure) await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
  }

  /** Resolves once every page sent is written and the processors' results are in. */
  async finish(): Promise<void> {
    this.start();
    try {
      // Even after a failure, the thread answers once its writes are done.
      const results = await new Promise<unknown[]>((resolve, reject) => {
        if (this.gone) return reject(this.failure);
        this.finished = { resolve, reject };
        this.post({ type: "finish" });
      });
      results.forEach((value, i) => this.results[i]!.set(value));
    } finally {
      await this.close();
    }
  }

  /** Stops the thread (after finish, or when the build failed before it). */
  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.post({ type: "processors", processors: this.processors });
  }

  private post(message: SinkMessage): void {
    this.worker.postMessage(message);
  }

  private received(reply: SinkReply): void {
    if (reply.type === "written") {
      this.inFlight--;
      this.waitingForRoom.shift()?.();
    } else if (reply.type === "failed") {
      this.fail(new Error(reply.message));
    } else if ("failure" in reply) {
      this.fail(new Error(reply.failure));
      this.finished?.reject(this.failure!);
    } else {
      this.finished?.resolve(reply.results);
    }
  }

  /** Further pages are refused, and senders waiting for room are let go (to be refused). */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const resume of this.waitingForRoom.splice(0)) resume();
  }

  private threadGone(error: Error): void {
    this.gone = true;
    this.fail(error);
    this.finished?.reject(this.failure!);
  }
}

/** A page processor's result, once the sink has finished. */
export class ProcessorResult<Result> {
  private result: { value: Result } | undefined;

  set(value: Result): void {
    this.result = { value };
  }

  get value(): Result {
    if (!this.result) throw new Error("a page processor's result was read before the pages were all written");
    return this.result.value;
  }
}
