import { describe, expect, it } from "vitest";
import { buildTutorial } from "../../src/tutorial/model.ts";
import { tutorialSchema } from "../../src/tutorial/schema.ts";

const frontMatter = tutorialSchema.parse({
  title: "T",
  layout: "tutorial",
  intro: "Intro",
  requirements: [{ item: "One" }, { item: "Two" }],
  steps: [
    { title: "First", anchor: "first", content: "a" },
    {
      title: "Second",
      anchor: "second",
      content: "b",
      substeps: [
        { title: "Sub one", anchor: "sub-one", content: "c" },
        { title: "Sub two", content: "d", "sub-substeps": [{ title: "Deep", anchor: "deep", content: "e" }] },
      ],
    },
  ],
});

describe("buildTutorial", () => {
  const tutorial = buildTutorial(frontMatter);

  it("numbers steps, substeps and sub-substeps from their position", () => {
    expect(tutorial.outline.map((step) => [step.label, step.level, step.anchor])).toEqual([
      ["Step 1", 2, "first"],
      ["Step 2", 2, "second"],
      ["Step 2.1", 3, "sub-one"],
      ["Step 2.2", 3, "sub-two"],
      ["Step 2.2.1", 4, "deep"],
    ]);
  });

  it("keeps the tree shape", () => {
    expect(tutorial.steps).toHaveLength(2);
    expect(tutorial.steps[1]!.children.map((child) => child.number)).toEqual(["2.1", "2.2"]);
    expect(tutorial.steps[1]!.children[1]!.children[0]!.title).toBe("Deep");
  });

  it("falls back to the title's slug for a step without an anchor", () => {
    expect(tutorial.outline[3]!.anchor).toBe("sub-two");
  });

  it("collects the requirements and defaults the optional fields to empty", () => {
    expect(tutorial.requirements).toEqual(["One", "Two"]);
    expect(tutorial.nextSteps).toBe("");
    expect(tutorial.requirementsInfo).toBe("");
  });
});

describe("tutorialSchema", () => {
  it("rejects a step without content, naming the key", () => {
    const result = tutorialSchema.safeParse({ title: "T", layout: "tutorial", steps: [{ title: "x" }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["steps", 0, "content"]);
  });

  it("keeps keys outside the format as page data", () => {
    const result = tutorialSchema.parse({ title: "T", layout: "tutorial", steps: [], weight: 3, custom: "kept" });
    expect(result.custom).toBe("kept");
  });
});
