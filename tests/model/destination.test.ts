import { homedir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { destinationProblem } from "../../src/model/destination.ts";

// Which destinations a build refuses before it reads anything. (The command line's refusal of
// the site's own folder and its parent is tests/cli/cli.test.ts; these two are not run there,
// since a build that took them would replace the machine's root or home folder.)
describe("destinationProblem", () => {
  const site = path.join(homedir(), "work", "docs-site");
  it.each([
    ["the file system's root", "/", /is the file system's root/],
    ["the home folder", homedir(), /is your home folder/],
    ["the site's folder", site, /is the site's own folder/],
    ["a folder above the site", path.dirname(site), /holds the site's folder/],
  ])("refuses %s", (_what, output, message) => {
    expect(destinationProblem(site, output)).toMatch(message);
  });

  it.each([
    ["_site inside the site", path.join(site, "_site")],
    ["a folder beside the site", path.join(path.dirname(site), "docs-site-out")],
    ["a folder whose name starts as the site's", `${site}-public`],
  ])("accepts %s", (_what, output) => {
    expect(destinationProblem(site, output)).toBeUndefined();
  });
});
