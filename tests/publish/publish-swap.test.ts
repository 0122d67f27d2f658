import { type ChildProcess, spawn } from "node:child_process";
import { lstat, mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { OutputFolder } from "../../src/publish/output-folder.ts";
import { CLI_DIST } from "../helpers/cli-dist.ts";

/**
 * Publishing a build replaces _site/ without a moment, or a point a build can be killed at, where
 * there is no _site/ or only part of one: a child process publishes build after build, and is
 * killed (SIGKILL) at random moments, while this process looks for _site/ all the time.
 */

const PAGES = 20;
/** Children started, each killed at a random moment: enough to land in each step of publishing. */
const ROUNDS = 12;
// The child runs OutputFolder as compiled for this run (vitest's globalSetup): plain node starts
// it in a fraction of the time tsx's loader takes on the sources.
const OUTPUT_FOLDER_MODULE = pathToFileURL(path.join(CLI_DIST, "cli/output-folder.js")).href;

/** A build as the test makes one: PAGES files, each saying which build it belongs to. */
async function publishBuild(output: OutputFolder, n: number): Promise<void> {
  const build = await output.newBuild();
  for (let i = 0; i < PAGES; i++) await writeFile(path.join(build, `page-${i}.html`), `build ${n}`);
  await output.publish(build);
}

/** The child: publishes builds numbered from argv[3] into argv[2] until it is killed, printing each number once published. */
const PUBLISHER = `
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { OutputFolder } from ${JSON.stringify(OUTPUT_FOLDER_MODULE)};
const output = new OutputFolder(process.argv[2]);
for (let n = Number(process.argv[3]); ; n++) {
  const build = await output.newBuild();
  for (let i = 0; i < ${PAGES}; i++) await writeFile(path.join(build, "page-" + i + ".html"), "build " + n);
  await output.publish(build);
  process.stdout.write(n + "\\n");
}
`;

/** Which build _site/ shows, after checking that it is one build, whole. */
async function publishedBuild(outputDir: string): Promise<number> {
  const dir = await realpath(outputDir);
  const files = (await readdir(dir)).sort();
  expect(files).toEqual(Array.from({ length: PAGES }, (_, i) => `page-${i}.html`).sort());
  const texts = new Set(await Promise.all(files.map((file) => readFile(path.join(dir, file), "utf8"))));
  expect(texts.size).toBe(1);
  return Number([...texts][0]!.slice("build ".length));
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe("publishing a build", () => {
  it("never leaves _site/ missing or part-built, wherever the publishing process is killed", { timeout: 300_000 }, async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "publish-swap-"));
    const scripts = await mkdtemp(path.join(tmpdir(), "publish-swap-script-"));
    cleanup.push(
      () => rm(parent, { recursive: true, force: true }),
      () => rm(scripts, { recursive: true, force: true }),
    );
    const script = path.join(scripts, "publisher.mjs");
    await writeFile(script, PUBLISHER);
    const outputDir = path.join(parent, "_site");
    const output = new OutputFolder(outputDir);
    await publishBuild(output, 0);

    let polling = true;
    let polls = 0;
    const missing: number[] = [];
    const poller = (async () => {
      for (; polling; polls++) await lstat(outputDir).catch(() => missing.push(polls));
    })();
    let next = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const child: ChildProcess = spawn(process.execPath, [script, outputDir, String(next)], { stdio: ["ignore", "pipe", "inherit"] });
      cleanup.push(async () => void child.kill("SIGKILL"));
      const closed = new Promise((resolve) => child.on("close", resolve));
      const published: number[] = [];
      let firstPublished: () => void;
      const started = new Promise<void>((resolve) => (firstPublished = resolve));
      let received = "";
      child.stdout!.on("data", (chunk) => {
        received += chunk;
        for (const line of received.split("\n").slice(0, -1)) published.push(Number(line));
        received = received.slice(received.lastIndexOf("\n") + 1);
        if (published.length > 0) firstPublished();
      });
      await Promise.race([started, closed]);
      await sleep(Math.random() * 150);
      child.kill("SIGKILL");
      await closed;
      expect(published.length, "the publisher did not get going").toBeGreaterThan(0);
      const last = published.at(-1)!;
      // The last build it said it published, or the one after (published, killed before it said so).
      expect([last, last + 1]).toContain(await publishedBuild(outputDir));
      next = last + 2;
    }
    polling = false;
    await poller;
    expect(polls).toBeGreaterThan(1000);
    expect(missing, `_site/ was missing at ${missing.length} of ${polls} looks`).toEqual([]);

    // The next build removes what the killed ones left: only _site/ and the build it shows remain.
    await publishBuild(output, next);
    expect(await publishedBuild(outputDir)).toBe(next);
    expect((await readdir(parent)).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
    expect(await readdir(output.buildsDir)).toEqual([path.basename(await realpath(outputDir))]);
  });
});
