import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { TUTORIAL_FILE, tutorialText } from "../checks/fixture-tutorial.ts";
import { cliCommandLine, cliEnv, runCli, spawnCli } from "../helpers/cli.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/**
 * What `check` prints for tools and people: JSON and GitHub Actions workflow commands on stdout
 * (parsed here as Actions would), the progress line on a terminal and one line per stage
 * without one, and `--watch`.
 */

const execFileAsync = promisify(execFile);
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const broken = tutorialText((l) => {
  l[8] = "  See the [guide]({{ link.connections.ssh-rdz | prepend: site.baseurl }}).";
  l[9] = "requirments:";
});
/** A file name with a comma (not a URL, so refused at its line 1): `,` must be escaped in the `file=` property. */
const COMMA_FILE = "content/common/a,b.md";

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  check: string;
  message: string;
}

/** Reverses the Actions toolkit's escaping (@actions/core's command.ts). */
const unescapeWorkflow = (text: string) => text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");

/** Each stdout line as the workflow command Actions reads: `::severity key=value,...::message`. */
function workflowCommands(stdout: string): Finding[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => {
      const match = /^::(error|warning) ([^:]*)::(.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      const properties = Object.fromEntries(
        match![2]!.split(",").map((property) => {
          const [key, value] = property.split("=") as [string, string];
          return [key, unescapeWorkflow(value)];
        }),
      );
      return {
        file: properties.file!,
        line: Number(properties.line),
        column: Number(properties.col),
        severity: match![1]!,
        check: properties.title!,
        message: unescapeWorkflow(match![3]!),
      };
    });
}

/** `stitch-docs <args>` on a pseudo-terminal (util-linux `script`): what the terminal shows. */
async function onTerminal(root: string, args: string[]): Promise<string> {
  const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
  const { stdout } = await execFileAsync("script", ["-qefc", cliCommandLine(args[0]!, args.slice(1)).map(quote).join(" "), "/dev/null"], {
    cwd: root,
    env: { ...cliEnv(), TERM: "xterm", COLUMNS: "120" },
    timeout: 240_000,
  }).catch((error: { stdout: string }) => error);
  return stdout;
}

describe("stitch-docs check on a site with findings", () => {
  it("--format json, --format github --quiet (from another folder) and a terminal: the same findings; progress only where asked for", async () => {
    const root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: broken, [COMMA_FILE]: "---\ntitle: Commas\nlayout: page\n---\nText.\n" } });
    roots.push(root);
    const site = path.basename(root);
    const [json, github, terminal] = await Promise.all([
      runCli("check", root, ["--format", "json"], { timeoutMs: 240_000 }),
      runCli("check", path.dirname(root), ["--format", "github", "--quiet", "--source", site], { timeoutMs: 240_000 }),
      onTerminal(root, ["check"]),
    ]);

    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { errors: number; findings: Finding[] };
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: TUTORIAL_FILE, line: 9, column: 22, severity: "error", check: "liquid" }),
        expect.objectContaining({ file: TUTORIAL_FILE, line: 10, severity: "warning" }),
        expect.objectContaining({ file: COMMA_FILE, line: 1, severity: "error" }),
      ]),
    );
    // Without a terminal: one line per stage, none redrawn.
    expect(json.stderr).not.toContain("\r");
    expect(json.stderr).toMatch(/^reading, \d+\.\d s$/m);
    expect(json.stderr).toMatch(/^rendering 0 of \d+ pages, \d+\.\d s$/m);
    expect(json.stderr).toMatch(/^checking pages \((\d+) of \1 pages rendered\), \d+\.\d s$/m);

    // GitHub's annotations: the same findings, at paths from the working folder (the repository's root).
    expect(github.code).toBe(1);
    expect(workflowCommands(github.stdout)).toEqual(report.findings.map((f) => ({ ...f, file: `${site}/${f.file}` })));
    expect(github.stdout).toContain(`file=${site}/content/common/a%2Cb.md,line=1,col=1,`);
    expect(github.stderr).not.toMatch(/reading|rendering/);

    // On a terminal: one line redrawn in place (pages rendered of the total), cleared before the findings.
    const frames = terminal.split("\r\x1b[K");
    const counts = frames.flatMap((frame) => {
      const match = /^rendering (\d+) of (\d+) pages, \d+\.\d s$/.exec(frame);
      return match ? [[Number(match[1]), Number(match[2])]] : [];
    });
    expect(counts.length).toBeGreaterThan(1);
    // Never more pages rendered than there are (a page's Markdown copy is not a page).
    expect(counts.filter(([rendered, total]) => rendered! > total!)).toEqual([]);
    expect(frames).toContainEqual(expect.stringMatching(/^reading, \d+\.\d s$/));
    expect(frames.at(-1)).toContain(`${TUTORIAL_FILE}:9:22: error: undefined variable or data key "link.connections.ssh-rdz"`);
  }, 300_000);
});

describe("stitch-docs check --watch", () => {
  it("checks again after a save and prints that run's findings; Ctrl+C stops it", async () => {
    const root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText(() => {}) } });
    roots.push(root);
    const child = spawnCli("check", root, ["--watch"]);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const until = async (what: () => boolean, description: string) => {
      for (let waited = 0; !what(); waited += 100) {
        if (waited > 150_000) throw new Error(`${description} never came; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      await until(() => stderr.includes("Watching"), "the first run");
      expect(stderr).toContain("no problems found");
      expect(stdout).toBe("");
      await writeFile(path.join(root, TUTORIAL_FILE), broken);
      await until(() => stdout.includes(`${TUTORIAL_FILE}:9:22: error:`), "the second run's finding");
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 300_000);
});
