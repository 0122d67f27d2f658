import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PageSink } from "../../src/publish/page-sink.ts";
import type { OutputPage } from "../../src/checks/output/page-summary.ts";

const summaries = new URL("../../src/checks/output/page-summaries.ts", import.meta.url);

// The page sink writes pages and runs the page processors on a thread of its own.
describe("the page sink", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "page-sink-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const page = (name: string, content: string) => ({ outputPath: path.join(dir, name), url: `/${name}`, inputPath: `content/${name}.md`, order: -1, content });

  it("writes every page sent, far more than it holds in flight, and hands each to its processors in order", async () => {
    const sink = new PageSink();
    const result = sink.process<OutputPage[]>(summaries);
    const names = Array.from({ length: 200 }, (_, i) => `section-${i % 3}/page-${i}.html`);
    for (const [i, name] of names.entries()) {
      await sink.room();
      sink.send(page(name, `<h1 id="p${i}">Page ${i}</h1><a href="/next-${i}">next</a>`));
    }
    await sink.finish();

    expect(await readFile(path.join(dir, "section-2/page-5.html"), "utf8")).toBe('<h1 id="p5">Page 5</h1><a href="/next-5">next</a>');
    expect(result.value.map((summary) => summary.url)).toEqual(names.map((name) => `/${name}`));
    expect([...result.value[7]!.ids]).toEqual(["p7"]);
    expect(result.value[7]!.references).toEqual([{ kind: "link", url: "/next-7", text: "next" }]);
  });

  it("fails finish with the file it could not write", async () => {
    await writeFile(path.join(dir, "taken"), "a file where a folder should be");
    const sink = new PageSink();
    sink.send(page("first.html", "one"));
    sink.send(page("taken/second.html", "two"));
    sink.send(page("third.html", "three"));
    await expect(sink.finish()).rejects.toThrow(`could not write the site: ${path.join(dir, "taken/second.html")}`);
    expect(await readFile(path.join(dir, "first.html"), "utf8")).toBe("one");
  });

  it("fails finish, naming its thread, when the thread stops", async () => {
    const sink = new PageSink();
    sink.process(new URL("./fixtures/exiting-processor.ts", import.meta.url));
    sink.send(page("a.html", "a"));
    await expect(sink.finish()).rejects.toThrow("the page writer's thread stopped (exit code 7)");
  });

  it("refuses more pages as soon as a processor fails, not only once every page is sent", async () => {
    const sink = new PageSink();
    sink.process(new URL("./fixtures/failing-processor.ts", import.meta.url));
    let refused: Error | undefined;
    for (let i = 0; i < 1000 && !refused; i++) {
      await sink.room();
      try {
        sink.send(page(`p${i}.html`, "x"));
      } catch (error) {
        refused = error as Error;
      }
    }
    expect(refused?.message).toBe("the test processor failed");
    await expect(sink.finish()).rejects.toThrow("the test processor failed");
  });

  it("refuses a processor added after the first page", async () => {
    const sink = new PageSink();
    sink.send(page("a.html", "a"));
    expect(() => sink.process(summaries)).toThrow("before the first page");
    await sink.finish();
  });

  it("holds senders back while its thread has a full queue, and lets them on as pages are written", async () => {
    const sink = new PageSink();
    let sent = 0;
    let roomWasWaitedFor = false;
    for (; sent < 100; sent++) {
      const room = sink.room();
      let ready = false;
      void room.then(() => (ready = true));
      await Promise.resolve();
      if (!ready) roomWasWaitedFor = true;
      await room;
      sink.send(page(`p${sent}.html`, "x".repeat(10_000)));
    }
    await sink.finish();
    expect(roomWasWaitedFor).toBe(true);
    expect(await readFile(path.join(dir, "p99.html"), "utf8")).toHaveLength(10_000);
  });

  it("reading a processor's result before the sink has finished is an error, not an empty list", async () => {
    const sink = new PageSink();
    const result = sink.process<OutputPage[]>(summaries);
    expect(() => result.value).toThrow("before the pages were all written");
    await sink.close();
  });
});
