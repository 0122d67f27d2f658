import { describe, expect, it } from "vitest";
import { firstMessage, startWorker } from "../../src/support/threads.ts";

// The build's threads (the YAML checks' thread, the check run's) answer with one message; a
// thread that fails or stops before it has answered must fail whoever waits, not leave them waiting.
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe("a thread's first message", () => {
  it("is what the thread posts", async () => {
    const worker = startWorker(fixture("answering-thread.ts"), { n: 1 });
    await expect(firstMessage(worker, "the test's thread")).resolves.toEqual({ echo: { n: 1 } });
  });

  it("fails, naming the thread, when the thread stops before it posts one", async () => {
    const worker = startWorker(fixture("exiting-thread.ts"));
    await expect(firstMessage(worker, "the test's thread")).rejects.toThrow("the test's thread stopped (exit code 3) before it had finished");
  });

  it("fails with the thread's error when it throws", async () => {
    const worker = startWorker(fixture("throwing-thread.ts"));
    await expect(firstMessage(worker, "the test's thread")).rejects.toThrow("the test's thread failed: the test thread failed");
  });
});
