import { existsSync } from "node:fs";
import { chmod, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { CONNECTION_GUIDES } from "../checks/fixture-tutorial.ts";
import { runCli, spawnCli } from "../helpers/cli.ts";
import { makeFixtureSite } from "../helpers/site.ts";
import { snapshot } from "../helpers/snapshot.ts";

/**
 * The search indexer (Pagefind's binary, a process of its own) failing in the middle of
 * `npm run build`: killed, panicking, or silent. The build must end, fail naming it, and leave
 * the published site as it was. The faulty indexer is the real binary behind a wrapper script
 * (or a stand-in), put in place through the variable the pagefind package reads too.
 */

const REAL_PAGEFIND = createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/**
 * A fixture site with a published _site/ (no index: only its bytes matter here) and a fake
 * indexer. Without the connection guides unless `wholeSite` (its pages matter to none of these
 * faults, and each build renders and indexes every page): the indexer killed as it starts needs
 * the whole site's pages, so that the build is still waiting on it when the kill lands.
 */
async function publishedSite(indexer: string, wholeSite = false): Promise<{ root: string; indexer: string; before: Record<string, string> }> {
  const root = await makeFixtureSite({ remove: wholeSite ? [] : CONNECTION_GUIDES });
  roots.push(root);
  await runPipeline({ root, publish: true, searchIndex: false });
  const script = path.join(root, "fake-pagefind.sh");
  await writeFile(script, `#!/bin/sh\n${indexer}\n`);
  await chmod(script, 0o755);
  return { root, indexer: script, before: await snapshot(path.join(root, "_site")) };
}

const withIndexer = (script: string) => ({ env: { PAGEFIND_BINARY_PATH: script, PAGEFIND_EXTENDED_BINARY_PATH: undefined }, timeoutMs: 90_000 });

/** The build ended by itself, with exit code 1 and one JSON report holding an error that matches. */
function expectFailedReport(run: { timedOut: boolean; code: number | null; stdout: string }, message: RegExp): void {
  expect(run.timedOut, "the build was still running when the test gave up on it").toBe(false);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ published: false });
  expect(report.errors).toBeGreaterThanOrEqual(1);
  expect(report.findings).toContainEqual(expect.objectContaining({ severity: "error", message: expect.stringMatching(message) }));
}

async function expectSiteAsBefore(root: string, before: Record<string, string>): Promise<void> {
  expect(await snapshot(path.join(root, "_site"))).toEqual(before);
  expect((await readdir(root)).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe("npm run build with a search indexer that fails", () => {
  it("fails, naming the indexer, when its process is killed mid-build; the published site stays", { timeout: 180_000 }, async () => {
    const pidFile = "pagefind.pid";
    const site = await publishedSite(`echo $$ > ${pidFile}\nexec ${JSON.stringify(REAL_PAGEFIND)} "$@"`, true);
    const child = spawnCli("build", site.root, ["--format", "json"], withIndexer(site.indexer));
    const finished = new Promise<{ code: number | null; stdout: string; timedOut: boolean }>((resolve) => {
      let stdout = "";
      child.stdout!.on("data", (chunk) => (stdout += chunk));
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, stdout, timedOut: signal === "SIGKILL" });
      });
    });
    const pidPath = path.join(site.root, pidFile);
    while (!existsSync(pidPath) || (await readFile(pidPath, "utf8")).trim() === "") await sleep(5);
    // At once: on an idle machine the real indexer takes in this site's pages and answers within
    // half a second, and the build would be over before a later kill.
    process.kill(Number(await readFile(pidPath, "utf8")), "SIGKILL");
    const run = await finished;
    expectFailedReport(run, /Pagefind.*SIGKILL/);
    await expectSiteAsBefore(site.root, site.before);
  });

  it("fails with the indexer's own last words when it panics", { timeout: 180_000 }, async () => {
    const site = await publishedSite(`head -c 1 > /dev/null\necho "thread 'main' panicked at src/service.rs:1:1: simulated fault" >&2\nexit 101`);
    const run = await runCli("build", site.root, ["--format", "json"], withIndexer(site.indexer));
    expectFailedReport(run, /Pagefind.*exit code 101.*panicked at src\/service\.rs:1:1: simulated fault/);
    await expectSiteAsBefore(site.root, site.before);
  });

  it("fails when the indexer cannot be started", { timeout: 180_000 }, async () => {
    const site = await publishedSite("exit 0");
    const run = await runCli("build", site.root, ["--format", "json"], withIndexer(path.join(site.root, "no-such-pagefind")));
    expectFailedReport(run, /Pagefind.*could not be started.*no-such-pagefind/);
    await expectSiteAsBefore(site.root, site.before);
  });

  it("fails once the indexer has not answered for the time it is given", { timeout: 180_000 }, async () => {
    // It takes in everything and never answers.
    const site = await publishedSite("exec cat > /dev/null");
    const saved = { binary: process.env.PAGEFIND_BINARY_PATH, extended: process.env.PAGEFIND_EXTENDED_BINARY_PATH };
    process.env.PAGEFIND_BINARY_PATH = site.indexer;
    delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
    try {
      const build = runPipeline({ root: site.root, publish: true, searchIndex: { answerWithinMs: 2000 } });
      await expect(build).rejects.toThrow(/Pagefind.*did not answer.*2 s/);
    } finally {
      restoreEnv("PAGEFIND_BINARY_PATH", saved.binary);
      restoreEnv("PAGEFIND_EXTENDED_BINARY_PATH", saved.extended);
    }
    await expectSiteAsBefore(site.root, site.before);
  });
});
