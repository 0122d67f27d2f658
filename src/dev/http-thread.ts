import type { Worker } from "node:worker_threads";
import { moduleBeside, startWorker } from "../support/threads.ts";
import type { HttpServerConfig, ServedUpdate } from "./http-server.ts";

/**
 * npm start's HTTP server (http-server.ts) on a thread of its own, driven from the main thread,
 * where the builds run: a build can hold the main thread for seconds, and the page the fast path
 * rendered must reach the browser meanwhile. `update()` resolves once the server answers with
 * the update; `stopped` resolves when the thread ends, with why if it was not closed.
 */

export type ThreadMessage = { type: "update"; id: number; update: ServedUpdate } | { type: "close" };
export type ThreadReply = { type: "listening"; port: number } | { type: "failed"; message: string } | { type: "applied"; id: number };

export class HttpThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly applied = new Map<number, () => void>();
  private closing = false;
  private exited = false;
  /** The port the server listens on; rejects if it cannot listen. */
  readonly port: Promise<number>;
  /** Resolves when the thread has ended: undefined after close(), else what stopped it. */
  readonly stopped: Promise<string | undefined>;

  constructor(config: HttpServerConfig) {
    this.worker = startWorker(moduleBeside(import.meta.url, "http-thread-worker"), config);
    let listening: { resolve(port: number): void; reject(error: Error): void };
    this.port = new Promise((resolve, reject) => (listening = { resolve, reject }));
    this.port.catch(() => {}); // Also reported through `stopped`.
    let failure: string | undefined;
    this.worker.on("message", (reply: ThreadReply) => {
      if (reply.type === "listening") listening.resolve(reply.port);
      else if (reply.type === "applied") this.settle(reply.id);
      else {
        failure ??= reply.message;
        listening.reject(new Error(reply.message));
      }
    });
    this.worker.on("error", (error) => (failure ??= error.message));
    this.stopped = new Promise((resolve) => {
      this.worker.once("exit", (code) => {
        this.exited = true;
        const reason = this.closing && failure === undefined ? undefined : (failure ?? `the HTTP server's thread stopped (exit code ${code})`);
        listening.reject(new Error(reason ?? "the HTTP server was closed"));
        // Nothing will answer these any more: let their senders go on.
        for (const id of [...this.applied.keys()]) this.settle(id);
        resolve(reason);
      });
    });
  }

  update(update: ServedUpdate): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.exited) return resolve();
      this.applied.set(id, resolve);
      this.worker.postMessage({ type: "update", id, update } satisfies ThreadMessage);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.worker.postMessage({ type: "close" } satisfies ThreadMessage);
    await this.stopped;
  }

  private settle(id: number): void {
    this.applied.get(id)?.();
    this.applied.delete(id);
  }
}
