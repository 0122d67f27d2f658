import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSiteSource } from "../../src/model/read-site.ts";
import { verdictsOf, yamlVerdicts } from "../../src/checks/yaml-verdicts.ts";

// A large site's front matter gets the checks' YAML parser's verdict on a thread of its own.
describe("YAML verdicts", () => {
  const texts = Array.from({ length: 1200 }, (_, i) => (i % 100 === 7 ? `title: [unclosed ${i}\n` : i % 100 === 8 ? undefined : `title: Page ${i}\nweight: ${i}\n`));

  it("on a thread, are the verdicts the parser gives where it is", async () => {
    const verdicts = await yamlVerdicts(texts);
    expect(verdicts).toEqual(verdictsOf(texts));
    expect(verdicts.filter((verdict) => verdict === false)).toHaveLength(12);
    expect(verdicts.filter((verdict) => verdict === undefined)).toHaveLength(12);
  });

  it("are left to the pages themselves on a small site", async () => {
    expect(await yamlVerdicts(texts.slice(0, 10))).toEqual(new Array(10).fill(undefined));
  });

  describe("on a site large enough for the thread", () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), "yaml-verdicts-"));
      await mkdir(path.join(root, "content/many"), { recursive: true });
      await Promise.all(
        texts.map((yaml, i) => writeFile(path.join(root, `content/many/page-${String(i).padStart(4, "0")}.md`), yaml === undefined ? "No front matter.\n" : `---\n${yaml}---\nBody ${i}.\n`)),
      );
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    it("a page whose front matter does not parse keeps its located errors and has no data", async () => {
      const source = await loadSiteSource(root);
      expect(source.pages).toHaveLength(1200);
      const broken = source.pages.find((page) => page.file === "content/many/page-0107.md")!;
      expect(broken.frontMatter?.errors.length).toBeGreaterThan(0);
      expect(broken.data).toBeUndefined();
      const sound = source.pages.find((page) => page.file === "content/many/page-0106.md")!;
      expect(sound.frontMatter?.errors).toEqual([]);
      expect(sound.data).toEqual({ title: "Page 106", weight: 106 });
      // Parsed again, with positions, when a finding needs them.
      expect(sound.frontMatter?.doc.get("weight")).toBe(106);
      expect(source.pages.find((page) => page.file === "content/many/page-0108.md")?.frontMatter).toBeUndefined();
    });
  });
});
