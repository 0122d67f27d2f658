import { spawnSync } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, readlink, realpath, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { TUTORIAL_FILE, tutorialText } from "../checks/fixture-tutorial.ts";
import { runCli, spawnCli } from "../helpers/cli.ts";
import { writeSite } from "../helpers/jekyll.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { snapshot } from "../helpers/snapshot.ts";

/**
 * _site/ is a link to the published build, whose folder lives in a hidden folder beside it:
 * what builds that were killed leave there is cleared by the next build, builds running at once
 * both publish whole sites, and a real _site/ folder (from before the link) is taken over once.
 */

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function fixture(options: Parameters<typeof makeFixtureSite>[0] = {}): Promise<string> {
  const root = await makeFixtureSite(options);
  roots.push(root);
  return root;
}

/**
 * The entries of the root a build may have added: everything but the fixture's own folders and
 * the image cache (`.cache/`, kept between builds on purpose: src/publish/image-cache.ts).
 */
async function besideTheSite(root: string): Promise<string[]> {
  return (await readdir(root)).filter((name) => !["_data", "_includes", "content", ".cache"].includes(name)).sort();
}

/** The entries of the hidden folder of builds, named after the folder's entry in the root. */
async function builds(root: string): Promise<string[]> {
  const hidden = (await besideTheSite(root)).filter((name) => name !== "_site");
  expect(hidden).toHaveLength(1);
  return (await readdir(path.join(root, hidden[0]!))).sort();
}

/** Processes whose working folder is `root` (a build, its indexer). */
function processesIn(root: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === root;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A pid no process has: one that has just ended. */
function endedPid(): number {
  return Number(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim());
}

describe("the published _site/", () => {
  it("stays whole when a build is killed mid-way, and the next build removes what that one left", { timeout: 300_000 }, async () => {
    const root = await fixture();
    await runPipeline({ root, publish: true, searchIndex: false });
    const published = await snapshot(path.join(root, "_site"));

    for (let round = 0; round < 2; round++) {
      const child = spawnCli("build", root, ["--format", "json"]);
      const closed = new Promise((resolve) => child.on("close", resolve));
      const publishedDir = await realpath(path.join(root, "_site"));
      // Killed once it has written pages (and its search indexer runs), before it has published them.
      for (;;) {
        const entries = await readdir(root, { recursive: true });
        const writing = entries.filter((entry) => entry.endsWith(path.join("docs", "index.html"))).map((entry) => path.join(root, entry));
        if (writing.some((file) => !file.startsWith(publishedDir + path.sep) && !file.startsWith(path.join(root, "_site") + path.sep))) break;
        await sleep(20);
      }
      child.kill("SIGKILL");
      await closed;
      expect(await snapshot(path.join(root, "_site"))).toEqual(published);
    }
    // Pagefind's indexer ends with the build that ran it.
    for (let wait = 0; processesIn(root).length > 0 && wait < 100; wait++) await sleep(100);
    expect(processesIn(root)).toEqual([]);

    const run = await runCli("build", root, ["--format", "json"]);
    expect(run.code).toBe(0);
    expect((await besideTheSite(root)).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
    expect(await builds(root)).toEqual([path.basename(await readlink(path.join(root, "_site")))]);
  });

  it("is published whole by two builds that run at once", { timeout: 300_000 }, async () => {
    const root = await fixture();
    await runPipeline({ root, publish: true, searchIndex: false });
    const expected = await snapshot(path.join(root, "_site"));
    const runs = await Promise.all([runCli("build", root), runCli("build", root)]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const published = await snapshot(path.join(root, "_site"));
    // The same pages and the same search index, whichever build's folder it is.
    expect(Object.keys(published).filter((file) => !file.includes("pagefind"))).toEqual(Object.keys(expected));
    expect(Object.fromEntries(Object.entries(published).filter(([file]) => !file.includes("pagefind")))).toEqual(expected);
    // Whatever the race between them left is cleared by the next build.
    await runPipeline({ root, publish: true, searchIndex: false });
    expect((await besideTheSite(root)).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
    expect(await builds(root)).toEqual([path.basename(await readlink(path.join(root, "_site")))]);
  });

  it("takes over a real _site/ folder, from before it was a link, once", async () => {
    const root = await fixture();
    await mkdir(path.join(root, "_site/docs"), { recursive: true });
    await writeFile(path.join(root, "_site/docs/stale.html"), "from an earlier version");
    await runPipeline({ root, publish: true, searchIndex: false });
    expect((await lstat(path.join(root, "_site"))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(root, "_site/docs/index.html"), "utf8")).toContain("<!DOCTYPE html>");
    expect(Object.keys(await snapshot(path.join(root, "_site")))).not.toContain("docs/stale.html");
    expect(await builds(root)).toEqual([path.basename(await readlink(path.join(root, "_site")))]);
  });

  it("is put back when a build was killed while it moved a real _site/ folder aside", async () => {
    const root = await fixture({ files: { [TUTORIAL_FILE]: tutorialText((l) => (l[20] = "      {{ link.connections.nope }}")) } });
    // What such a build leaves: no _site, the old folder moved into the builds' folder (the one
    // place a test names that folder: the state it sets up is the design's own).
    const moved = path.join(root, "._site.builds", `${endedPid()}-0badc0de.migrated`);
    await mkdir(path.join(moved, "docs"), { recursive: true });
    await writeFile(path.join(moved, "docs/index.html"), "the old site");
    // A build that fails its checks publishes nothing, but the old site is there again.
    expect((await runPipeline({ root, publish: true })).published).toBe(false);
    expect(await readFile(path.join(root, "_site/docs/index.html"), "utf8")).toBe("the old site");
  });

  it("keeps the repository a real _site/ folder is a checkout of, build after build, as Jekyll's keep_files does", async () => {
    const root = await fixture();
    await mkdir(path.join(root, "_site/.git/refs"), { recursive: true });
    await writeFile(path.join(root, "_site/.git/HEAD"), "ref: refs/heads/gh-pages\n");
    await writeFile(path.join(root, "_site/.gitignore"), "*.tmp\n");
    await writeFile(path.join(root, "_site/old.html"), "from the last deploy");
    for (let build = 0; build < 2; build++) {
      expect((await runPipeline({ root, publish: true, searchIndex: false })).published).toBe(true);
      expect(await readFile(path.join(root, "_site/.git/HEAD"), "utf8")).toBe("ref: refs/heads/gh-pages\n");
      expect(await readFile(path.join(root, "_site/.gitignore"), "utf8")).toBe("*.tmp\n");
      expect(Object.keys(await snapshot(path.join(root, "_site")))).not.toContain("old.html");
    }
  });

  it("keeps what a Jekyll site's keep_files names, and only that", async () => {
    const root = await writeSite({
      "_config.yml": "title: Kept\nkeep_files: [uploads, notes/keep.txt]\n",
      "index.md": "---\nlayout: page\ntitle: Home\n---\nHello.\n",
    });
    roots.push(root);
    for (const [file, text] of Object.entries({ "uploads/a.png": "png", "notes/keep.txt": "kept", "notes/drop.txt": "dropped", ".git/HEAD": "ref" })) {
      await mkdir(path.dirname(path.join(root, "_site", file)), { recursive: true });
      await writeFile(path.join(root, "_site", file), text);
    }
    expect((await runPipeline({ root, publish: true, searchIndex: false })).published).toBe(true);
    const files = Object.keys(await snapshot(path.join(root, "_site")));
    expect(files).toEqual(expect.arrayContaining(["uploads/a.png", "notes/keep.txt", "index.html"]));
    expect(files).not.toContain("notes/drop.txt");
    expect(files).not.toContain(".git/HEAD");
  });

  it("a check run leaves nothing beside the site", async () => {
    const root = await fixture();
    expect((await runPipeline({ root })).published).toBe(false);
    expect(await besideTheSite(root)).toEqual([]);
  });
});
