import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { Readable, Writable } from "node:stream";

/**
 * Pagefind's indexer, a process of its own (`pagefind_extended --service`), spoken to as the
 * pagefind package's node API speaks to it: one JSON request per message, base64-encoded and
 * ended by a comma, on its stdin; the answers, alike, on its stdout. The package's API never
 * notices the process ending: a request sent before the process died waits for ever (Pagefind
 * unwraps its write errors, so a full disk makes it panic, and the build hung). This client
 * watches the process: when it exits, is killed or stops answering, every request waiting on it
 * fails with what happened, its last words on stderr included.
 */

export interface PagefindServiceOptions {
  /**
   * A request unanswered for this long fails and stops the process (a build must end). Default
   * ten minutes: writing the index of a very large site is one request.
   */
  answerWithinMs?: number;
}

/** A request's or an answer's payload: `{ type: "AddFile", ... }`. */
export interface ServicePayload {
  type: string;
  [field: string]: unknown;
}

interface Waiting {
  type: string;
  resolve(payload: ServicePayload): void;
  reject(error: Error): void;
}

const DEFAULT_ANSWER_WITHIN_MS = 10 * 60_000;
/** How long a process told to stop may take before it is killed. */
const STOP_WITHIN_MS = 5_000;
/** What a failure quotes of the process's stderr, at most. */
const LAST_WORDS_CHARS = 2_000;

/** What the indexer was doing, by the type of the requests it had not answered. */
const DOING: Record<string, string> = { NewIndex: "starting", AddFile: "indexing pages", WriteFiles: "writing the index" };

/** The binary as the pagefind package finds it: its variables first, then its platform package. */
export function pagefindBinary(): string {
  for (const name of ["pagefind_extended", "pagefind"]) {
    const fromEnv = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnv) return fromEnv;
  }
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const require = createRequire(import.meta.url);
  for (const name of ["pagefind_extended", "pagefind"]) {
    try {
      return require.resolve(`@pagefind/${platform}-${process.arch}/bin/${name}${platform === "windows" ? ".exe" : ""}`);
    } catch {
      // the next name
    }
  }
  throw new Error(`the search indexer (Pagefind) is not installed for ${platform}-${process.arch}: run npm ci (it comes with the pagefind package)`);
}

/** The indexer's process failed (it died, could not start or stopped answering), not one request. */
export class IndexerFailure extends Error {}

export class PagefindService {
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly waiting = new Map<number, Waiting>();
  private readonly answerWithinMs: number;
  private lastId = 0;
  /** The start of an answer whose end has not arrived yet. */
  private partial = "";
  private stderrTail = "";
  private failure: Error | undefined;
  private stopping = false;
  private silence: NodeJS.Timeout | undefined;
  private readonly exited: Promise<void>;

  constructor(options: PagefindServiceOptions = {}) {
    this.answerWithinMs = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
    const binary = pagefindBinary();
    this.child = spawn(binary, ["--service"], { stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => this.receive(chunk));
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-4 * LAST_WORDS_CHARS)));
    // A write to a process that has died fails; its exit (below) says why.
    this.child.stdin.on("error", () => {});
    this.exited = new Promise((resolve) => {
      this.child.on("error", (error) => {
        this.fail(new IndexerFailure(`the search indexer (Pagefind) could not be started (${binary}): ${error.message}`));
        resolve();
      });
      // "close" comes once stderr is read to its end too, so the last words are all there.
      this.child.on("close", (code, signal) => {
        if (!this.stopping) this.fail(new IndexerFailure(`the search indexer (Pagefind) stopped ${this.doing()}: ${ending(code, signal)}${this.lastWords()}`));
        resolve();
      });
    });
  }

  /** Sends one request; resolves with its answer, rejects with an error answer or a failure of the process. */
  request(payload: ServicePayload): Promise<ServicePayload> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.lastId;
    const answered = new Promise<ServicePayload>((resolve, reject) => this.waiting.set(id, { type: payload.type, resolve, reject }));
    if (this.waiting.size === 1) this.expectAnswer();
    this.child.stdin.write(`${Buffer.from(JSON.stringify({ message_id: id, payload })).toString("base64")},`);
    return answered;
  }

  /** Stops the process (what still waits fails) and resolves once it has ended. */
  async close(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.fail(new IndexerFailure("the search indexer (Pagefind) was stopped"));
      this.child.stdin.end();
      this.child.kill("SIGTERM");
    }
    const killer = setTimeout(() => this.child.kill("SIGKILL"), STOP_WITHIN_MS);
    await this.exited;
    clearTimeout(killer);
  }

  private receive(chunk: string): void {
    const messages = (this.partial + chunk).split(",");
    this.partial = messages.pop()!;
    for (const message of messages) {
      let answer: { message_id?: number; payload: ServicePayload & { message?: string } };
      try {
        answer = JSON.parse(Buffer.from(message, "base64").toString("utf8"));
      } catch {
        this.failAndStop(new IndexerFailure("the search indexer (Pagefind) sent an answer that is not JSON"));
        return;
      }
      const waiting = answer.message_id === undefined ? undefined : this.waiting.get(answer.message_id);
      if (!waiting) {
        // An error about a request it could not read (no id): nothing can be trusted after it.
        if (answer.payload.type === "Error") {
          this.failAndStop(new IndexerFailure(`the search indexer (Pagefind) failed: ${answer.payload.message}`));
          return;
        }
        continue;
      }
      this.waiting.delete(answer.message_id!);
      if (answer.payload.type === "Error") waiting.reject(new Error(answer.payload.message ?? "an error without a message"));
      else waiting.resolve(answer.payload);
    }
    this.expectAnswer();
  }

  /** (Re)starts the clock on the requests waiting, or stops it when none is. */
  private expectAnswer(): void {
    clearTimeout(this.silence);
    if (this.waiting.size === 0 || this.failure) return;
    this.silence = setTimeout(() => {
      const seconds = Math.round(this.answerWithinMs / 100) / 10;
      this.failAndStop(new IndexerFailure(`the search indexer (Pagefind) did not answer for ${seconds} s ${this.doing()}; it was stopped`));
    }, this.answerWithinMs);
  }

  private failAndStop(error: Error): void {
    this.fail(error);
    this.stopping = true;
    this.child.kill("SIGKILL");
  }

  private fail(error: Error): void {
    this.failure ??= error;
    clearTimeout(this.silence);
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }

  private doing(): string {
    const types = new Set([...this.waiting.values()].map((waiting) => waiting.type));
    const doing = [...types].map((type) => DOING[type] ?? type);
    return doing.length === 0 ? "between requests" : `while ${doing.join(" and ")}`;
  }

  /** The process's stderr without Rust's backtrace hints, on one line. */
  private lastWords(): string {
    const lines = this.stderrTail
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && line !== "stack backtrace:" && !line.startsWith("note: "));
    const text = lines.join(" ");
    return text === "" ? "" : `: ${text.length > LAST_WORDS_CHARS ? `...${text.slice(-LAST_WORDS_CHARS)}` : text}`;
  }
}

function ending(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}
