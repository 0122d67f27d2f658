import { describe, expect, it } from "vitest";
import { checkFixture, TUTORIAL_FILE, tutorialText } from "./fixture-tutorial.ts";

// Every finding in one run: a mistake in a page's layout name or front matter does not hide the
// page's other mistakes; where a check truly can't run, the finding says so.
const at = (lines: string[], file: string) => lines.filter((line) => line.startsWith(`${file}:`));

describe("every finding in one run", () => {
  it("reports a misspelt layout and four more mistakes on the same page, each at its line", async () => {
    const text = tutorialText((l) => {
      l[4] = "layout: tutoral"; // line 5
      l[11] = "      **An SSH server**, reachable on {{ ssh-port-number }}."; // line 12: undefined variable
      l[16] = "      Open [the second step](#second-stepp)."; // line 17: no such anchor
      l[20] = "      Done. See [the guide]({{ site.baseurl }}/common/databases/no-such-guide) and <b>this."; // line 21: broken link, unclosed <b>
    });
    const { lines, findings } = await checkFixture({ [TUTORIAL_FILE]: text });
    const mine = findings.filter((f) => f.file === TUTORIAL_FILE && f.severity === "error");
    expect(mine.map((f) => `${f.line} ${f.check}`).sort(), at(lines, TUTORIAL_FILE).join("\n")).toEqual(
      ["5 format", "12 liquid", "17 links", "21 html", "21 links"].sort(),
    );
    const layout = mine.find((f) => f.line === 5)!;
    expect(layout.message).toMatch(/^layout "tutoral" does not exist in _includes\/layouts\/; did you mean "tutorial"\?/);
    expect(layout.message).toContain('? The page\'s other checks ran with layout "tutorial"');
  });

  it("checks a page whose layout has no near name with the default layout, and says so", async () => {
    const page = ["---", "title: Odd layout", "layout: zzzzzz", "---", "", "A [broken link]({{ site.baseurl }}/nowhere-at-all).", ""].join("\n");
    const { findings } = await checkFixture({ "content/odd.md": page });
    const mine = findings.filter((f) => f.file === "content/odd.md");
    expect(mine.map((f) => `${f.line} ${f.check}`)).toEqual(["3 format", "6 links"]);
    expect(mine[0]!.message).toContain('The page\'s other checks ran with the default layout "page"');
  });

  it("checks the body of a tutorial that breaks the format, and says its fields were not checked", async () => {
    const text = tutorialText((l) => {
      l[20] = "      {{ not-checked-here }}"; // a step's text: not rendered
      l[22] = "A [broken link]({{ site.baseurl }}/nowhere-at-all) in the body."; // line 23
      l.splice(19, 2); // step 2 loses its content (lines 20, 21)
    });
    const { findings } = await checkFixture({ [TUTORIAL_FILE]: text });
    const mine = findings.filter((f) => f.file === TUTORIAL_FILE);
    expect(mine.map((f) => `${f.check}`)).toEqual(["format", "links"]);
    expect(mine[0]!.message).toMatch(/step 2 has no "content"/);
    expect(mine[0]!.message).toContain("its front-matter fields were not rendered, so their links and Liquid were not checked");
    expect(mine[1]!.line).toBe(21);
  });

  it("says so when a page can't be rendered at all", async () => {
    const text = tutorialText((l) => {
      l[1] = "title: [unclosed"; // invalid YAML
    });
    const { findings } = await checkFixture({ [TUTORIAL_FILE]: text });
    const mine = findings.filter((f) => f.file === TUTORIAL_FILE);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]!.message).toContain("The page was not rendered: its links, anchors and Liquid were not checked");
  });
});
