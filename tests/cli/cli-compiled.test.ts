import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { makeFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";

/**
 * The tool as npm runs it: compiled (`npm run compile` -> dist/), started by `node
 * dist/cli/main.js` and by the real npm, whose banner goes to stdout unless `-s`.
 */

const execFileAsync = promisify(execFile);
const MAIN = path.join(PROJECT_ROOT, "dist/cli/main.js");
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

/** The environment without what an outer `npm test` sets (`npm_config_loglevel` would silence the inner npm). */
function plainEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: "1" }).filter(([name]) => !name.toLowerCase().startsWith("npm_")));
}

async function run(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { cwd, env: plainEnv(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the compiled tool", () => {
  it("node dist/cli/main.js build publishes a fixture site; through npm, -s leaves stdout to the JSON", async () => {
    const compiled = await run("npm", ["run", "compile"], PROJECT_ROOT);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    const root = await makeFixtureSite();
    roots.push(root);

    const build = await run(process.execPath, [MAIN, "build"], root);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/^Built _site\/ in \d+ ms/m);
    expect(existsSync(path.join(root, "_site/docs/index.html"))).toBe(true);

    // The site's own package.json, as a project using the tool has: its npm scripts run the compiled tool.
    await writeFile(
      path.join(root, "package.json"),
      JSON.stringify({ name: "docs-site", version: "1.0.0", private: true, scripts: { check: `node ${MAIN} check` } }),
    );
    const [silent, plain] = await Promise.all([
      run("npm", ["run", "-s", "check", "--", "--format", "json"], root),
      run("npm", ["run", "check", "--", "--format", "json"], root),
    ]);
    expect(silent.code, silent.stderr).toBe(0);
    expect(JSON.parse(silent.stdout)).toEqual({ errors: 0, warnings: 0, published: false, findings: [] });
    // Without -s, npm's own banner comes first on stdout: why the README says `npm run -s`.
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^\s*> docs-site@1\.0\.0 check\n/);
    expect(() => JSON.parse(plain.stdout)).toThrow();
  }, 600_000);
});
