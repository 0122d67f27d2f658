import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, SEED_FILE } from "../helpers/site.ts";
import { checkFixture } from "./fixture-tutorial.ts";

/** The original tutorial, byte for byte, in the place it was published from. */
const SEED_PATH = "content/common/databases/setting-up-ssh-tunnel-for-database-connection.md";
const seed = await readFile(SEED_FILE, "utf8");
const seedLines = seed.split("\n");
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe("the verbatim seed tutorial", () => {
  it("reports exactly its mojibake, as a warning, at its line, with the intended text", async () => {
    const result = await checkFixture({ [SEED_PATH]: seed });
    roots.push(result.root);
    const line = seedLines.findIndex((text) => text.includes("isnâ€™t")) + 1;
    expect(result.findings).toEqual([expect.objectContaining({ file: SEED_PATH, line, severity: "warning", check: "mojibake" })]);
    expect(result.findings[0]!.message).toContain('"isnâ€™t": probably "isn’t"');
    expect(result.errors).toBe(0);
  });

  it("with a link map that lacks connections.ssh-rds, reports the undefined key at its line in intro", async () => {
    const links = await readFile(path.join(PROJECT_ROOT, "_data/links.yml"), "utf8");
    const withoutRds = links.replace(/^ {2}ssh-rds:.*\n/m, "");
    expect(withoutRds).not.toContain("ssh-rds");
    const result = await checkFixture({ [SEED_PATH]: seed, "_data/links.yml": withoutRds });
    roots.push(result.root);
    // The `- **Amazon Relational ...` line inside `intro` (line 28 of the seed file).
    const line = seedLines.findIndex((text) => text.includes("{{ link.connections.ssh-rds")) + 1;
    expect(line).toBe(28);
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ file: SEED_PATH, line, check: "liquid" })]);
    expect(errors[0]!.column).toBe(seedLines[line - 1]!.indexOf("link.connections.ssh-rds") + 1);
    expect(errors[0]!.message).toMatch(/^undefined variable or data key "link.connections.ssh-rds": "link.connections" has no key "ssh-rds"/);
    expect(result.published).toBe(false);
  });
});
