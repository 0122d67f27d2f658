import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith({ "content/parts/note.txt": "Note on {{ include.topic }} for {{ page.title }}.", "secret.txt": "no" })));
afterAll(() => site.cleanup());

describe("{% include_relative %}", () => {
  it("renders a file beside the page with its parameters and the page's variables", async () => {
    expect(await site.render('{% include_relative parts/note.txt topic="keys" %}', { title: "Page" })).toBe("Note on keys for Page.");
  });

  it("refuses a path that climbs out of the page's folder", async () => {
    await expect(site.render("{% include_relative ../secret.txt %}")).rejects.toThrow(/include_relative path "..\/secret.txt" leaves the page's folder/);
  });

  it("names a file that does not exist", async () => {
    await expect(site.render("{% include_relative parts/none.txt %}")).rejects.toThrow(/no file content\/parts\/none.txt/);
  });
});
