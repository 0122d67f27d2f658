import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TreeWatcher, watchTree } from "../../src/dev/watch-tree.ts";

describe("watchTree", () => {
  let dir: string;
  let watcher: TreeWatcher;
  const changes: Array<string | undefined> = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "watch-tree-"));
    await writeFile(path.join(dir, "page.md"), "one");
    watcher = watchTree([dir], (file) => changes.push(file));
  });
  afterAll(async () => {
    watcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("ignores a file whose access time alone changed (every build reads every file)", async () => {
    const file = path.join(dir, "page.md");
    await utimes(file, new Date(), new Date(2000, 0, 1));
    await settle();
    // utimes set the modification time too: that is a change.
    expect(changes).toEqual([file]);
    changes.length = 0;
    await utimes(file, new Date(Date.now() + 60_000), new Date(2000, 0, 1));
    await settle();
    expect(changes).toEqual([]);
  });

  it("names the file that changed", async () => {
    const file = path.join(dir, "page.md");
    await writeFile(file, "two");
    await settle();
    expect(changes.at(-1)).toBe(file);
  });
});
