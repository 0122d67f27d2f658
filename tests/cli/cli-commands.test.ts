import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { Ajv } from "ajv";
import { load as loadYaml } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { makeFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";

/** What a fixture site holds before any command runs (.cache: the image cache, shared by the fixtures). */
const SITE_FOLDERS = [".cache", "_data", "_includes", "content"];

/**
 * `stitch-docs <command>` as a child process, where no site is built: each command's help, its
 * mistakes in the arguments, `new`, `schema`, and `start` on a port that is taken.
 */
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function site(): Promise<string> {
  const root = await makeFixtureSite();
  roots.push(root);
  return root;
}

/** A one-line error, no stack trace. */
const oneLineError = (stderr: string) => {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).toMatch(/^error: /);
};

describe("--help", () => {
  it.each([
    ["build", ["--strict", "--format", "--drafts", "--source", "--destination", "--quiet"]],
    ["check", ["--strict", "--format", "--watch", "--quiet"]],
    ["start", ["--port", "--drafts", "--source", "--destination"]],
    ["serve", ["--port"]],
    ["new", ["--folder"]],
    ["schema", ["--output"]],
  ])("stitch-docs %s --help lists its options and builds nothing", async (command, options) => {
    const root = await site();
    const run = await runCli(command, root, ["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: stitch-docs ${command === "serve" ? "start\\|serve" : command}\\b`));
    for (const option of [...options, "--help"]) expect(run.stdout).toMatch(new RegExp(`^\\s+(-\\w, )?${option}\\b`, "m"));
    expect((await readdir(root)).sort()).toEqual(SITE_FOLDERS);
  });

  it("stitch-docs --help lists the commands; no command is a usage error", async () => {
    const root = await site();
    const help = await runCli("--help", root);
    expect(help.code).toBe(0);
    for (const command of ["build", "check", "start", "new", "schema"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    const unknown = await runCli("biuld", root);
    expect(unknown.code).toBe(2);
    oneLineError(unknown.stderr);
    expect(unknown.stderr).toContain('unknown command "biuld"');
  });
});

describe("mistakes in the arguments: one line, exit code 2, nothing done", () => {
  it.each([
    ["build", ["--strcit"], "unknown option --strcit"],
    ["check", ["--format", "xml"], '--format must be "text", "json" or "github", not "xml"'],
    ["check", ["--source"], "--source needs a value"],
    ["start", ["--port", "http"], '--port must be a port number (0 to 65535; 0 picks a free one), not "http"'],
    ["start", ["--prot", "8080"], "unknown option --prot"],
    ["new", ["--folder"], "--folder needs a value"],
    ["schema", ["extra"], 'unexpected argument "extra"'],
  ])("stitch-docs %s %j", async (command, args, message) => {
    const root = await site();
    const run = await runCli(command, root, args);
    expect(run.code).toBe(2);
    oneLineError(run.stderr);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
    expect((await readdir(root)).sort()).toEqual(SITE_FOLDERS);
  });
});

it("with --format json, a mistake in the arguments is a JSON document too", async () => {
  const run = await runCli("check", await site(), ["--watch", "--format", "json"]);
  expect(run.code).toBe(2);
  expect(JSON.parse(run.stdout)).toMatchObject({
    errors: 1,
    findings: [{ severity: "error", check: "usage", message: expect.stringContaining("--watch prints findings as text") }],
  });
});

describe("stitch-docs new", () => {
  it("prints where the page will be read: the site's host, base URL and permalink", async () => {
    const root = await site();
    const run = await runCli("new", root, ["Tunnels", "for", "Snowflake"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Created content/common/databases/tunnels-for-snowflake.md");
    expect(run.stdout).toContain("https://www.stitchdata.com/docs/common/databases/tunnels-for-snowflake");
  });

  it("never takes an option for a title: --help shows the help, an unknown option is an error", async () => {
    const root = await site();
    const help = await runCli("new", root, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: stitch-docs new /);
    const wrong = await runCli("new", root, ["--draft", "My tutorial"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown option --draft");
    const none = await runCli("new", root, ["--folder", "common/guides"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("give the tutorial a title");
    // Only the files the fixture had: no help.md, no draft.md, no untitled page.
    expect((await readdir(path.join(root, "content/common/databases"))).sort()).toEqual(
      (await readdir(path.join(PROJECT_ROOT, "content/common/databases"))).sort(),
    );
    expect(existsSync(path.join(root, "content/common/guides"))).toBe(false);
  });
});

describe("stitch-docs start", () => {
  const listening: Server[] = [];
  afterAll(() => Promise.all(listening.map((server) => new Promise((resolve) => server.close(resolve)))));

  async function takenPort(): Promise<number> {
    const server = createServer();
    listening.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as { port: number }).port;
  }

  it.each([
    ["--port", (port: number) => ({ args: ["--port", String(port)], env: {} })],
    ["PORT", (port: number) => ({ args: [], env: { PORT: String(port) } })],
  ])("a port that is taken (%s) is one line, at once, before any build", async (_, how) => {
    const root = await site();
    const port = await takenPort();
    const { args, env } = how(port);
    const run = await runCli("start", root, args, { env, timeoutMs: 60_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    oneLineError(run.stderr);
    expect(run.stderr).toContain(`port ${port} of 127.0.0.1 is taken`);
    expect(run.stderr).toContain("--port");
    expect(run.stdout).toBe("");
    // Nothing was built: no output folder, no build folder.
    expect((await readdir(root)).sort()).toEqual(SITE_FOLDERS);
  });
});

describe("stitch-docs schema", () => {
  it("writes the front matter's JSON Schema, which accepts the site's pages and refuses what the format forbids", async () => {
    const root = await site();
    const written = await runCli("schema", root);
    expect(written.code).toBe(0);
    const schema = JSON.parse(await readFile(path.join(root, "schema/front-matter.schema.json"), "utf8"));
    const printed = await runCli("schema", root, ["--output", "-"]);
    expect(JSON.parse(printed.stdout)).toEqual(schema);

    const validate = new Ajv({ strict: false }).compile(schema);
    const frontMatterOf = async (file: string) => loadYaml((await readFile(path.join(root, file), "utf8")).split(/^---$/m)[1]!);
    const tutorial = (await frontMatterOf("content/common/databases/setting-up-ssh-tunnel-for-database-connection.md")) as Record<string, unknown>;
    expect(validate(tutorial), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(await frontMatterOf("content/index.md")), JSON.stringify(validate.errors)).toBe(true);

    const steps = tutorial.steps as Array<Record<string, unknown>>;
    const refused = [
      { ...tutorial, title: undefined },
      { ...tutorial, steps: [{ ...steps[0], title: undefined }] },
      { ...tutorial, steps: [{ ...steps[0], anchor: "has spaces" }] },
      { ...tutorial, requirements: "a list, not text" },
      { title: "A page", layout: "page", weight: "heavy" },
    ].map((data) => JSON.parse(JSON.stringify(data)));
    for (const data of refused) expect(validate(data), JSON.stringify(data).slice(0, 200)).toBe(false);
  });
});
