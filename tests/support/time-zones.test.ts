import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { zoneAbbreviationAt } from "../../src/support/time-zones.ts";
import { parseTzif } from "../../src/support/tz-abbreviations.ts";

/**
 * %Z's names come from the tz database's files, as the C library reads them for Ruby; Intl's are
 * the fallback. The differential test (site-fixtures/zone-names) compares them with Jekyll's.
 */

const JANUARY = Date.parse("2024-01-15T12:00:00Z");
const JULY = Date.parse("2024-07-15T12:00:00Z");
const folders: string[] = [];
const zoneDirBefore = process.env.TZDIR;

afterEach(async () => {
  if (zoneDirBefore === undefined) delete process.env.TZDIR;
  else process.env.TZDIR = zoneDirBefore;
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function zoneFolder(files: Record<string, Buffer | string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "tzdir-"));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), content);
  }
  return folder;
}

describe("zone abbreviations", () => {
  it("names Berlin's and Tokyo's zones as the tz database does, not as Intl does", () => {
    expect([zoneAbbreviationAt(JANUARY, "Europe/Berlin"), zoneAbbreviationAt(JULY, "Europe/Berlin")]).toEqual(["CET", "CEST"]);
    expect(zoneAbbreviationAt(JULY, "Asia/Tokyo")).toBe("JST");
    // Past the file's last transition, the footer's rule decides (CET-1CEST,M3.5.0,M10.5.0/3).
    expect(zoneAbbreviationAt(Date.parse("2090-07-01T00:00:00Z"), "Europe/Berlin")).toBe("CEST");
    expect(zoneAbbreviationAt(Date.parse("2090-12-01T00:00:00Z"), "Europe/Berlin")).toBe("CET");
  });

  it("falls back on Intl's name where the database has no file for the zone, or one that is not a tz file", async () => {
    process.env.TZDIR = await zoneFolder({});
    expect(zoneAbbreviationAt(JULY, "Europe/Madrid")).toBe("GMT+2");
    process.env.TZDIR = await zoneFolder({ "Europe/Rome": "not a tz file" });
    expect(zoneAbbreviationAt(JULY, "Europe/Rome")).toBe("GMT+2");
  });

  it("reads a truncated tz file as no file, without throwing", async () => {
    const whole = await readFile("/usr/share/zoneinfo/Europe/Berlin");
    expect(parseTzif(whole)?.types.map((type) => type.abbreviation)).toContain("CEST");
    for (const length of [0, 10, 44, 60, 200]) expect(parseTzif(whole.subarray(0, length))).toBeUndefined();
  });
});
