import { mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CONNECTION_GUIDES, TUTORIAL_FILE, tutorialText } from "../checks/fixture-tutorial.ts";
import { type CliRun, runCli, spawnCli } from "../helpers/cli.ts";
import { writeSite } from "../helpers/jekyll.ts";
import { type FixtureOptions, makeFixtureSite } from "../helpers/site.ts";

/** `npm run check` / `npm run build` as CI and editors run them: output format and exit codes. */
const cli = (command: "check" | "build", root: string, args: string[] = []) => runCli(command, root, args);

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

/**
 * A copy of the site without its connection guides (it checks clean without them): what these
 * tests read is the tool's output and exit code for one page's findings, or for none, and each
 * run of the tool renders every page (a child run of the whole site costs about 0.15 s more CPU).
 */
async function site(options: FixtureOptions = {}): Promise<string> {
  const root = await makeFixtureSite({ ...options, remove: [...CONNECTION_GUIDES, ...(options.remove ?? [])] });
  roots.push(root);
  return root;
}

const broken = tutorialText((l) => {
  l[8] = "  See the [guide]({{ link.connections.ssh-rdz | prepend: site.baseurl }}).";
  l[9] = "requirments:";
});

describe("npm run check", () => {
  it("prints one path:line:col: severity: message line per finding, sorted, and exits 1 on errors", async () => {
    const root = await site({ files: { [TUTORIAL_FILE]: broken } });
    const { code, stdout, stderr } = await cli("check", root);
    expect(code).toBe(1);
    const lines = stdout.split("\n").filter((line) => /^\S+:\d+:\d+: (error|warning): /.test(line));
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${TUTORIAL_FILE}:9:22: error: undefined variable or data key "link.connections.ssh-rdz"`)),
      expect.stringMatching(new RegExp(`^${TUTORIAL_FILE}:10:1: warning: unknown key "requirments"; did you mean "requirements"\\?$`)),
    ]);
    expect(stderr).toContain("1 error, 1 warning");
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(root)).includes("_site")).toBe(false);
  });

  it("--format json prints the same findings for tools", async () => {
    const root = await site({ files: { [TUTORIAL_FILE]: broken } });
    const { code, stdout } = await cli("check", root, ["--format", "json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ errors: 1, warnings: 1, published: false });
    expect(report.findings).toEqual([
      expect.objectContaining({ file: TUTORIAL_FILE, line: 9, column: 22, severity: "error", check: "liquid" }),
      expect.objectContaining({ file: TUTORIAL_FILE, line: 10, column: 1, severity: "warning", check: "format" }),
    ]);
  });

  it("warnings exit 0, and 1 with --strict", async () => {
    const root = await site({ files: { [TUTORIAL_FILE]: tutorialText((l) => (l[9] = "requirments:")) } });
    expect((await cli("check", root)).code).toBe(0);
    expect((await cli("check", root, ["--strict"])).code).toBe(1);
  });
});

describe("npm run build", () => {
  it("fails on errors with the same findings and publishes nothing", async () => {
    const root = await site({ files: { [TUTORIAL_FILE]: broken } });
    const { code, stdout, stderr } = await cli("build", root);
    expect(code).toBe(1);
    expect(stdout).toContain(`${TUTORIAL_FILE}:9:22: error:`);
    expect(stderr).toContain("_site/ was left as it was");
    expect((await readdir(root)).includes("_site")).toBe(false);
  });

  it("names the destination it built, or left as it was, as --destination gave it", async () => {
    const root = await site({ files: { [TUTORIAL_FILE]: broken } });
    const outside = path.join(path.dirname(root), `${path.basename(root)}-out`);
    roots.push(outside);
    const failed = await cli("build", root, ["--destination", outside]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Build failed: ${outside}/ was left as it was.`);
    await writeFile(path.join(root, TUTORIAL_FILE), tutorialText());
    const built = await cli("build", root, ["-d", "public"]);
    expect(built.code).toBe(0);
    expect(built.stderr).toMatch(/^Built public\/ in \d+ ms/m);
    expect(await readdir(path.join(root, "public"))).toContain("docs");
  });
});

describe("the destination", () => {
  it.each([
    ["the site's own folder", "."],
    ["a folder holding the site", ".."],
  ])("is refused when it is %s, and the site's files are left as they are", async (_what, destination) => {
    // The site sits in a folder of its own, so that a build that took `..` as its output could
    // only ever replace that folder, never the machine's temp folder.
    const holder = await mkdtemp(path.join(tmpdir(), "destination-holder-"));
    roots.push(holder);
    const root = path.join(holder, "site");
    await rename(await site(), root);
    const before = (await readdir(root)).sort();
    const run = await cli("build", root, ["--destination", destination]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: the destination .* (is the site's own folder|holds the site's folder)/);
    expect((await readdir(root)).sort()).toEqual(before);
    expect(await readdir(holder)).toEqual(["site"]);
  });

  it("is a Jekyll site's destination: in _config.yml, from the site's folder, unless --destination says otherwise", async () => {
    const root = await writeSite({ "_config.yml": "title: Elsewhere\ndestination: public\n", "index.md": "---\nlayout: page\ntitle: Home\n---\nHello.\n" });
    roots.push(root);
    const built = await cli("build", root);
    expect(built.code).toBe(0);
    expect(await readdir(path.join(root, "public"))).toContain("index.html");
    expect(await readdir(root)).not.toContain("_site");
    expect((await cli("build", root, ["-d", "other"])).code).toBe(0);
    expect(await readdir(path.join(root, "other"))).toContain("index.html");
  });
});

describe("npm start on a Jekyll site", () => {
  it("serves it, and says it watches the site's folder (not this repository's content/)", async () => {
    const root = await writeSite({ "_config.yml": "title: Served\n", "index.md": "---\nlayout: page\ntitle: Home\n---\nServed here.\n" });
    roots.push(root);
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const child = spawnCli("start", root, ["--port", String(port)]);
    try {
      let stdout = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "Serving" line in time: ${stdout}`)), 60_000);
        child.stdout!.on("data", (chunk) => {
          stdout += chunk;
          if (stdout.includes("Ctrl+C")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(stdout).toMatch(/watching the site's folder\. Ctrl\+C stops\./);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain("Served here.");
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("--format json: stdout holds one JSON document, whatever happens", () => {
  /** stdout parsed whole: a line of anything else around the document fails it. */
  const report = (run: CliRun) => {
    expect(run.timedOut).toBe(false);
    return JSON.parse(run.stdout) as { errors: number; warnings: number; published: boolean; findings: Array<Record<string, unknown>> };
  };

  it.each(["check", "build"] as const)("npm run %s on a clean site: no findings, the human lines on stderr", async (script) => {
    const root = await site();
    const run = await runCli(script, root, ["--format", "json"]);
    expect(run.code).toBe(0);
    expect(report(run)).toEqual({ errors: 0, warnings: 0, published: script === "build", findings: [] });
    if (script === "build")
      expect(run.stderr).toMatch(
        /^Built _site\/ in \d+ ms \(read \d+ ms, source-checks \d+ ms, render \d+ ms, write \d+ ms, output-checks \d+ ms, publish \d+ ms\)$/m,
      );
  });

  it("npm run build on a site with findings: the findings, and nothing published", async () => {
    const root = await site({ files: { [TUTORIAL_FILE]: broken } });
    const run = await runCli("build", root, ["--format", "json"]);
    expect(run.code).toBe(1);
    const json = report(run);
    expect(json).toMatchObject({ errors: 1, warnings: 1, published: false });
    expect(json.findings).toContainEqual(expect.objectContaining({ file: TUTORIAL_FILE, line: 9, column: 22, severity: "error" }));
    expect(run.stderr).toContain("_site/ was left as it was");
  });

  it.each(["check", "build"] as const)("npm run %s that crashes (no _data/site.yml): an error finding with what is known", async (script) => {
    const root = await site({ remove: ["_data/site.yml"] });
    const run = await runCli(script, root, ["--format", "json"]);
    expect(run.code).toBe(1);
    const json = report(run);
    expect(json).toMatchObject({ errors: 1, published: false });
    expect(json.findings).toEqual([expect.objectContaining({ file: "_data/site.yml", severity: "error", message: expect.stringContaining("site.yml") })]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a wrong option is an error finding too", async () => {
    const root = await site();
    const run = await runCli("check", root, ["--format", "json", "--strcit"]);
    expect(run.code).toBe(2);
    expect(report(run).findings).toEqual([expect.objectContaining({ severity: "error", message: expect.stringContaining("--strcit") })]);
  });

  it("what a library prints on stdout while the site builds goes to stderr", async () => {
    const root = await site();
    // A stand-in for a chatty library: it prints from every thread the build runs, as they start.
    const chatter = path.join(root, "chatter.mjs");
    await writeFile(
      chatter,
      `import { isMainThread } from "node:worker_threads";\nif (!isMainThread) { console.log("chatter from a library"); process.stdout.write("more chatter\\n"); }\n`,
    );
    const run = await runCli("build", root, ["--format", "json"], { nodeArgs: ["--import", pathToFileURL(chatter).href] });
    expect(run.code).toBe(0);
    expect(report(run)).toMatchObject({ errors: 0, published: true });
    expect(run.stderr).toContain("chatter from a library");
  });
});
