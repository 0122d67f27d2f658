import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InProcessPageSink, type PageSink, ThreadedPageSink } from "../../src/publish/page-sink.ts";

// The page sink summarises and writes each page: on a thread of its own for a large site, in
// the build's own thread for a small one. Both must behave alike.
const sinks: Array<[string, () => PageSink]> = [
  ["on a thread", () => new ThreadedPageSink({ summarize: true })],
  ["in process", () => new InProcessPageSink({ summarize: true })],
];

describe.each(sinks)("the page sink %s", (_, createSink) => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "page-sink-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const page = (name: string, content: string) => ({ outputPath: path.join(dir, name), url: `/${name}`, inputPath: `content/${name}.md`, order: -1, content });

  it("writes every page sent, far more than it holds in flight, and summarises each in order", async () => {
    const sink = createSink();
    const names = Array.from({ length: 200 }, (_, i) => `section-${i % 3}/page-${i}.html`);
    for (const [i, name] of names.entries()) {
      await sink.room();
      sink.send(page(name, `<h1 id="p${i}">Page ${i}</h1><a href="/next-${i}">next</a>`));
    }
    const { summaries } = await sink.finish();

    expect(await readFile(path.join(dir, "section-2/page-5.html"), "utf8")).toBe('<h1 id="p5">Page 5</h1><a href="/next-5">next</a>');
    expect(summaries.map((summary) => summary.url)).toEqual(names.map((name) => `/${name}`));
    expect([...summaries[7]!.ids]).toEqual(["p7"]);
    expect(summaries[7]!.references).toEqual([{ kind: "link", url: "/next-7", text: "next" }]);
  });

  it("fails finish with the file it could not write", async () => {
    await writeFile(path.join(dir, "taken"), "a file where a folder should be");
    const sink = createSink();
    sink.send(page("first.html", "one"));
    sink.send(page("taken/second.html", "two"));
    sink.send(page("third.html", "three"));
    await expect(sink.finish()).rejects.toThrow(`could not write the site: ${path.join(dir, "taken/second.html")}`);
    expect(await readFile(path.join(dir, "first.html"), "utf8")).toBe("one");
  });

  it("refuses more pages as soon as one fails, not only once every page is sent", async () => {
    await writeFile(path.join(dir, "taken"), "a file where a folder should be");
    const sink = createSink();
    let refused: Error | undefined;
    sink.send(page("taken/first.html", "x"));
    for (let i = 0; i < 1000 && !refused; i++) {
      await sink.room();
      await new Promise((resolve) => setImmediate(resolve));
      try {
        sink.send(page(`p${i}.html`, "x"));
      } catch (error) {
        refused = error as Error;
      }
    }
    expect(refused?.message).toContain("could not write the site");
    await expect(sink.finish()).rejects.toThrow("could not write the site");
  });

  it("holds senders back while a full queue of pages waits, and lets them on as pages are written", async () => {
    const sink = createSink();
    let roomWasWaitedFor = false;
    for (let sent = 0; sent < 100; sent++) {
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
});

describe("the page sink's thread", () => {
  it("fails finish, naming the thread, when it stops", async () => {
    const sink = new ThreadedPageSink({ summarize: true }, new URL("./fixtures/exiting-sink-thread.ts", import.meta.url));
    sink.send({ outputPath: path.join(tmpdir(), "never-written.html"), url: "/a", inputPath: "a.md", order: -1, content: "a" });
    await expect(sink.finish()).rejects.toThrow("the page writer's thread stopped (exit code 7)");
  });
});
