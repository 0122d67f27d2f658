import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TemplateErrorCollector } from "../../../src/jekyll/template-errors.ts";
import { engineWith } from "../render-with.ts";

const errors = new TemplateErrorCollector();
let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith({}, { errors })));
afterAll(() => site.cleanup());

describe("{% capture %}", () => {
  it("an error inside a capture is reported once, and the variable holds what was captured", async () => {
    const html = await site.render('{% capture c %}one {{ "x" | heading_level }} two{% endcapture %}[{{ c | append: "!" }}]');
    // A page with an error renders as nothing in a checked build; what matters is what it reports.
    expect(html).toBe("");
    expect(errors.records.map((record) => String((record.error as Error).message).replace(/, file:.*$|, line:\d+, col:\d+$/, ""))).toEqual([
      'a heading level must be a whole number from 1 to 6, not "x"',
    ]);
  });
});
