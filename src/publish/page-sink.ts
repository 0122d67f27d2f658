import type { Worker } from "node:worker_threads";
import type { RenderedPage } from "../render/page-output.ts";
import { moduleBeside, startWorker } from "../support/threads.ts";
import { PageWork, type PageWorkOptions, type PageWorkResult } from "./page-work.ts";

/**
 * Takes a build's rendered pages and does their work (page-work.ts: the output checks'
 * summaries, the search index, the files). On a large site that work runs on a thread of its
 * own, so that the main thread only renders. Measured apart at N=4000 (8,034 pages, the bench's
 * tutorial corpus, 2 builds each, alternating, idle 2-core machine, 2026-12-02): 116 s wall with
 * the thread, 140 s with the work in-process (PAGES_FOR_A_THREAD = Infinity), 17% less, for
 * about the same CPU (180 s and 186 s) and 200 MB more peak RSS (1258 MB against 1057 MB). A
 * small site does it in-process: starting a thread costs more than it saves there.
 *
 * Pages are sent ahead of the work, up to PAGES_IN_FLIGHT: enough to even out a run of quick
 * pages, few enough that a slow disk cannot make the build hold much in memory (`room()` holds
 * the next page back, through the page writer's gate).
 */

export const PAGES_IN_FLIGHT = 64;

/** Below this many pages the work stays on the main thread (see the module's comment). */
export const PAGES_FOR_A_THREAD = 500;

export type SinkMessage = { type: "start"; options: PageWorkOptions } | { type: "page"; page: RenderedPage } | { type: "finish" } | { type: "abandon" };

/** `failed` tells the first failure as it happens; `finished` answers `finish`, once every write is done. */
export type SinkReply =
  | { type: "written" }
  | { type: "failed"; message: string }
  | { type: "finished"; result: PageWorkResult }
  | { type: "finished"; failure: string }
  | { type: "abandoned" };

/** How long the work may take to stop what it started (the indexer's process) once the build failed. */
const ABANDON_WITHIN_MS = 10_000;

export interface PageSink {
  /** Queues a page (throws once the sink has failed). */
  send(page: RenderedPage): void;
  /** Resolves once fewer than PAGES_IN_FLIGHT pages wait (at once, mostly). */
  room(): Promise<void>;
  /** Resolves once every page sent is written, with the work's result; a page that could not be written rejects it. */
  finish(): Promise<PageWorkResult>;
  /** What stopped the sink, once something has. */
  readonly failed: Error | undefined;
  /** Stops it without waiting for its pages (the build failed). */
  close(): Promise<void>;
}

/** The sink for a build of about `pages` pages. */
export function createPageSink(options: PageWorkOptions, pages: number): PageSink {
  return pages >= PAGES_FOR_A_THREAD ? new ThreadedPageSink(options) : new InProcessPageSink(options);
}

/** Room, failure and waiting shared by both sinks. */
abstract class Flow {
  protected inFlight = 0;
  private readonly waitingForRoom: Array<() => void> = [];
  protected failure: Error | undefined;

  get failed(): Error | undefined {
    return this.failure;
  }

  async room(): Promise<void> {
    if (this.inFlight >= PAGES_IN_FLIGHT && !this.failure) await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
  }

  protected written(): void {
    this.inFlight--;
    this.waitingForRoom.shift()?.();
  }

  /** Further pages are refused, and senders waiting for room are let go (to be refused). */
  protected fail(error: Error): void {
    this.failure ??= error;
    for (const resume of this.waitingForRoom.splice(0)) resume();
  }
}

export class InProcessPageSink extends Flow implements PageSink {
  private readonly work: Promise<PageWork>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: PageWorkOptions) {
    super();
    this.work = PageWork.start(options, (message) => this.fail(new Error(message)));
    this.work.catch((error: Error) => this.fail(error));
  }

  send(page: RenderedPage): void {
    if (this.failure) throw this.failure;
    this.inFlight++;
    // One page at a time, in order, as on the thread.
    this.queue = this.queue.then(async () => (await this.work).take(page, () => this.written())).catch((error: Error) => this.fail(error));
  }

  async finish(): Promise<PageWorkResult> {
    await this.queue;
    const work = await this.work.catch(() => undefined);
    if (!work) throw this.failure;
    // Even after a failure, finish answers once the writes in flight are done, as the thread does.
    try {
      const result = await work.finish();
      if (this.failure) throw this.failure;
      return result;
    } catch (error) {
      throw this.failure ?? error;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await (await this.work.catch(() => undefined))?.abandon();
  }
}

export class ThreadedPageSink extends Flow implements PageSink {
  private readonly worker: Worker;
  private finished: { resolve(result: PageWorkResult): void; reject(error: Error): void } | undefined;
  private abandoned: (() => void) | undefined;
  /** The thread has failed or stopped: nothing more will come from it. */
  private gone = false;

  /** `workerModule`: the thread's module (tests give one that fails). */
  constructor(options: PageWorkOptions, workerModule = moduleBeside(import.meta.url, "page-sink-worker")) {
    super();
    this.worker = startWorker(workerModule);
    this.worker.on("message", (reply: SinkReply) => this.received(reply));
    this.worker.on("error", (error) => this.threadGone(new Error(`the page writer's thread failed: ${error.message}`, { cause: error })));
    this.worker.on("exit", (code) => this.threadGone(new Error(`the page writer's thread stopped (exit code ${code})`)));
    this.worker.postMessage({ type: "start", options } satisfies SinkMessage);
  }

  send(page: RenderedPage): void {
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.worker.postMessage({ type: "page", page } satisfies SinkMessage);
  }

  async finish(): Promise<PageWorkResult> {
    try {
      // Even after a failure, the thread answers once its writes are done.
      return await new Promise<PageWorkResult>((resolve, reject) => {
        if (this.gone) return reject(this.failure);
        this.finished = { resolve, reject };
        this.worker.postMessage({ type: "finish" } satisfies SinkMessage);
      });
    } finally {
      await this.terminate();
    }
  }

  async close(): Promise<void> {
    // The thread stops what the work started (the indexer's process, which would outlive it), within a bound.
    if (!this.gone) {
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, ABANDON_WITHIN_MS);
        this.abandoned = () => {
          clearTimeout(timeout);
          resolve();
        };
        this.worker.postMessage({ type: "abandon" } satisfies SinkMessage);
      });
    }
    await this.terminate();
  }

  private async terminate(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private received(reply: SinkReply): void {
    if (reply.type === "written") this.written();
    else if (reply.type === "abandoned") this.abandoned?.();
    else if (reply.type === "failed") this.fail(new Error(reply.message));
    else if ("failure" in reply) {
      this.fail(new Error(reply.failure));
      this.finished?.reject(this.failure!);
    } else this.finished?.resolve(reply.result);
  }

  private threadGone(error: Error): void {
    this.gone = true;
    this.abandoned?.();
    this.fail(error);
    this.finished?.reject(this.failure!);
  }
}
