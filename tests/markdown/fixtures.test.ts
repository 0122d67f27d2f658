import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../src/markdown/index.ts";

/**
 * One folder per markdown plugin (tests/markdown/fixtures/<plugin>/): each `<case>.md` renders,
 * with the build's markdown, to exactly `<case>.html`. The HTML was checked against what Jekyll's
 * kramdown makes of the same text (tests/jekyll/kramdown-differential.test.ts compares the two).
 */

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const md = createMarkdown();

for (const plugin of readdirSync(FIXTURES).sort()) {
  describe(plugin, () => {
    const cases = readdirSync(path.join(FIXTURES, plugin)).filter((file) => file.endsWith(".md"));
    it.each(cases.map((file) => file.slice(0, -3)))("%s", (name) => {
      const input = readFileSync(path.join(FIXTURES, plugin, `${name}.md`), "utf8");
      const expected = readFileSync(path.join(FIXTURES, plugin, `${name}.html`), "utf8");
      expect(md.render(input)).toBe(expected);
    });
  });
}
