import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(
  async () =>
    void (site = await engineWith({
      "_data/site.yml": "baseurl: /docs\n",
      "content/guide.md": "---\npermalink: /guides/one/\n---\nGuide\n",
      "content/_posts/2023-05-06-launch.md": "---\npermalink: /news/launch/\n---\nNews\n",
      "content/assets/logo.svg": "<svg/>",
    })),
);
afterAll(() => site.cleanup());

describe("{% link %} and {% post_url %}", () => {
  it("link gives a page's URL from its path, with the base URL; the path may hold Liquid", async () => {
    expect(await site.render("{% link content/guide.md %} {% link {{ page.g }} %} {% link content/assets/logo.svg %}", { g: "content/guide.md" })).toBe(
      "/docs/guides/one/ /docs/guides/one/ /docs/assets/logo.svg",
    );
  });

  it("post_url finds a post by its folder, date and title", async () => {
    expect(await site.render("{% post_url content/2023-05-06-launch %}")).toBe("/docs/news/launch/");
  });

  it("names what it could not find", async () => {
    await expect(site.render("{% link content/nope.md %}")).rejects.toThrow(/no page or file "content\/nope.md"/);
    await expect(site.render("{% post_url 2023-05-06-nothing %}")).rejects.toThrow(/no post "2023-05-06-nothing"/);
  });
});
