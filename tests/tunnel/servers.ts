import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";

/** A port nobody listens on right now (the OS picks it), on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A long-running process of the test, with its output kept for assertions and error messages. */
export class Service {
  readonly process: ChildProcess;
  output = "";
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exit: Promise<void>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.process = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    this.process.stdout!.on("data", (chunk) => (this.output += chunk));
    this.process.stderr!.on("data", (chunk) => (this.output += chunk));
    this.exit = new Promise((resolve) => {
      this.process.once("exit", (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
      this.process.once("error", (error) => {
        this.output += `\n${error.message}`;
        this.exited = { code: null, signal: null };
        resolve();
      });
    });
  }

  /** Waits until `ready()` holds; throws with the output if the process exits or time runs out. */
  async waitUntil(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await ready()) return;
      if (this.exited) throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}) before ${what}:\n${this.output}`);
      await sleep(50);
    }
    throw new Error(`${this.name}: no ${what} within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Stops the process (SIGTERM, then SIGKILL) and waits for it to end. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.exited) return;
    this.process.kill(signal);
    const ended = await Promise.race([this.exit.then(() => true), sleep(10_000).then(() => false)]);
    if (!ended) {
      this.process.kill("SIGKILL");
      await this.exit;
    }
  }

  /** For a process 'exit' handler: no waiting possible there. */
  killNow(): void {
    if (!this.exited) this.process.kill("SIGKILL");
  }
}
