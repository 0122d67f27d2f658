import { cp, mkdir, mkdtemp, readdir, rm, stat, statfs, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { runCli } from "../helpers/cli.ts";
import { PROJECT_ROOT } from "../helpers/site.ts";
import { snapshot } from "../helpers/snapshot.ts";
import { describeNeeding, executable, missingOf, rootRequirement, runOk } from "../helpers/system.ts";

/**
 * The disk fills while the search indexer writes its files: the site is built on a small tmpfs
 * of its own, sized so that the pages fit and only half of Pagefind's bundle does. Pagefind
 * panics on the failed write; the build must fail with that, not wait for ever.
 */

const MOUNT = executable("/usr/bin/mount", "/bin/mount");
const UMOUNT = executable("/usr/bin/umount", "/bin/umount");
const missing = missingOf([rootRequirement(), ["mount and umount (Debian package mount)", !!MOUNT && !!UMOUNT]]);

async function usedBytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return (fs.blocks - fs.bfree) * fs.bsize;
}

/** What the files below `dir` take on a tmpfs: whole pages of 4 KiB. */
async function allocatedBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let total = 0;
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    total += Math.ceil((await stat(path.join(entry.parentPath, entry.name))).size / 4096) * 4096;
  }
  return total;
}

describeNeeding("a disk that fills while the search index is written", missing, () => {
  let mountPoint: string;
  let mounted = false;
  beforeAll(async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), "disk-full-"));
    runOk(MOUNT!, ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mountPoint]);
    mounted = true;
  });
  afterAll(async () => {
    if (mounted) runOk(UMOUNT!, ["--lazy", mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it("fails the build with Pagefind's own error, and leaves the published site as it was", { timeout: 240_000 }, async () => {
    const root = path.join(mountPoint, "site");
    for (const dir of ["_data", "_includes", "content"]) await cp(path.join(PROJECT_ROOT, dir), path.join(root, dir), { recursive: true });
    // The screenshots' encodings come from the project's image cache (as for every fixture), so
    // that both builds write the same: pages, images and the search index.
    await mkdir(path.join(PROJECT_ROOT, ".cache"), { recursive: true });
    await symlink(path.join(PROJECT_ROOT, ".cache"), path.join(root, ".cache"));
    const beforeBuild = await usedBytes(mountPoint);
    expect((await runPipeline({ root, publish: true })).published).toBe(true);
    const published = await usedBytes(mountPoint);
    const bundle = await allocatedBytes(path.join(root, "_site/docs/pagefind"));
    const pages = published - beforeBuild - bundle;
    expect(bundle).toBeGreaterThan(100_000);
    // Room for the second build's pages and half its bundle.
    const size = Math.ceil((published + pages + bundle / 2) / 4096) * 4;
    runOk(MOUNT!, ["-o", `remount,size=${size}k`, mountPoint]);
    const before = await snapshot(path.join(root, "_site"));

    const run = await runCli("build", root, ["--format", "json"], { timeoutMs: 120_000 });
    expect(run.timedOut, "the build was still running when the test gave up on it").toBe(false);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ errors: 1, published: false });
    expect(report.findings).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/Pagefind.*No space left on device/) })]);
    expect(await snapshot(path.join(root, "_site"))).toEqual(before);
    expect((await readdir(root)).filter((name) => name.startsWith("_site"))).toEqual(["_site"]);
    // The failed build's files are gone: the disk is as full as the published site makes it.
    expect(await usedBytes(mountPoint)).toBe(published);
  });
});
