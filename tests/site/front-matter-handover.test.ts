import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSite } from "../../src/pipeline/check-site.ts";
import { FrontMatterHandover } from "../../src/model/front-matter.ts";
import { makeFixtureSite } from "../helpers/site.ts";

describe("front matter parsed by the checks is handed to Eleventy", () => {
  it("once, and only for the same file and the same YAML text", () => {
    const handover = new FrontMatterHandover();
    const data = { title: "A" };
    handover.offer("/site/content/a.md", "title: A\n", data);
    handover.offer("/site/content/b.md", "title: B\n", { title: "B" });
    expect(handover.take("/site/content/a.md", "title: A\n")).toBe(data);
    expect(handover.take("/site/content/a.md", "title: A\n")).toBeUndefined();
    expect(handover.take("/site/content/b.md", "title: B2\n")).toBeUndefined();
    expect(handover.take(undefined, "title: A\n")).toBeUndefined();
  });

  describe("in a checked build", () => {
    let root: string;
    const taken: string[] = [];
    const parsedAgain: string[] = [];
    let pageCount = 0;

    beforeAll(async () => {
      root = await makeFixtureSite();
      const entries = await readdir(path.join(root, "content"), { recursive: true, withFileTypes: true });
      pageCount = entries.filter((entry) => entry.isFile() && /\.(md|html)$/.test(entry.name) && !entry.parentPath.includes("assets")).length;
      const result = await checkSite({
        root,
        publish: false,
        configure: (_eleventyConfig, site) => {
          const take = site.frontMatter.take.bind(site.frontMatter);
          site.frontMatter.take = (filePath, yaml) => {
            const data = take(filePath, yaml);
            (data ? taken : parsedAgain).push(path.relative(root, path.resolve(String(filePath))));
            return data;
          };
        },
      });
      expect(result.errors).toBe(0);
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    it("parses no page's front matter twice: only the layouts' front matter is Eleventy's own parse", () => {
      expect(taken.length).toBe(pageCount);
      expect(taken).toContain("content/common/databases/setting-up-ssh-tunnel-for-database-connection.md");
      expect(parsedAgain.every((file) => file.startsWith("_includes/layouts/"))).toBe(true);
    });
  });
});
