import { utimesSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSite } from "../../src/model/read-site.ts";
import type { SiteModel } from "../../src/model/site-model.ts";
import { siteDirectoriesFor } from "../../src/model/theme.ts";
import { writeSite } from "../helpers/jekyll.ts";

/**
 * A Jekyll site's `_posts/`, read into the model: each post's URL under every permalink style,
 * its date, categories and tags, what is skipped. The expected values are what Jekyll 4.3 wrote
 * for the same files (built with /usr/bin/jekyll while writing these tests, TZ=UTC as the tests
 * run), URLs as `post.url` has them (a category's space is `%20`; the file's name keeps it);
 * tests/jekyll/site-fixtures/posts compares a whole site with Jekyll's build.
 */

const roots: string[] = [];
// Jekyll's dates are in the local zone: these expectations are UTC's, as Jekyll wrote them.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "UTC";
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** The same three posts each time: front-matter categories (twice, in two cases) and a time, a folder category, no front matter. */
async function postsSite(config: string, more: Record<string, string> = {}): Promise<SiteModel> {
  const root = await writeSite({
    "_config.yml": config,
    "_posts/2021-01-03-Hello-World.md": "---\ntitle: A\ncategories: [Big Things, big things]\ndate: 2021-01-03 07:08:09\n---\nx\n",
    "Team News/_posts/2020-12-31-year.end.md": "---\ntitle: B\n---\ny\n",
    "_posts/2019-2-5-plain.md": "no front matter\n",
    ...more,
  });
  roots.push(root);
  return readSite(root, siteDirectoriesFor(root));
}

const postUrls = (model: SiteModel) =>
  model.pages
    .filter((page) => page.collection === "posts")
    .map((page) => page.url)
    .sort();

describe("a post's URL", () => {
  const cases: Array<[string, string[]]> = [
    ["", ["/2019/02/05/plain.html", "/big%20things/2021/01/03/Hello-World.html", "/team%20news/2020/12/31/year.end.html"]],
    ["pretty", ["/2019/02/05/plain/", "/big%20things/2021/01/03/Hello-World/", "/team%20news/2020/12/31/year.end/"]],
    ["ordinal", ["/2019/036/plain.html", "/big%20things/2021/003/Hello-World.html", "/team%20news/2020/366/year.end.html"]],
    ["none", ["/big%20things/Hello-World.html", "/plain.html", "/team%20news/year.end.html"]],
    ["weekdate", ["/2019/W06/Tue/plain.html", "/big%20things/2021/W53/Sun/Hello-World.html", "/team%20news/2020/W53/Thu/year.end.html"]],
    [
      "/:categories/:short_year/:i_month/:i_day/:hour-:minute-:second/:title/",
      ["/19/2/5/00-00-00/plain/", "/big%20things/21/1/3/07-08-09/Hello-World/", "/team%20news/20/12/31/00-00-00/year.end/"],
    ],
    ["/notes/:year/:y_day/:slug:output_ext", ["/notes/2019/036/plain.html", "/notes/2020/366/year-end.html", "/notes/2021/003/hello-world.html"]],
    [
      "/:slugified_categories/:name/:long_month-:short_month/:w_year-:week-:w_day/:short_day/:long_day/",
      [
        "/2019-2-5-plain/February-Feb/2019-06-2/Tue/Tuesday/",
        "/big-things/2021-01-03-hello-world/January-Jan/2020-53-7/Sun/Sunday/",
        "/team-news/2020-12-31-year-end/December-Dec/2020-53-4/Thu/Thursday/",
      ],
    ],
  ];
  for (const [style, urls] of cases) {
    it(`follows the site's permalink: ${style || "(none: date)"}`, async () => {
      const model = await postsSite(style ? `permalink: "${style}"\n` : "title: Posts\n");
      expect(postUrls(model)).toEqual(urls);
    });
  }

  it("takes the post's own permalink, and collections: posts: permalink: over the site's style", async () => {
    const model = await postsSite("permalink: pretty\ncollections:\n  posts:\n    permalink: /log/:year/:title:output_ext\n", {
      "_posts/2022-06-01-own.md": "---\npermalink: /fixed/:slug/\n---\nz\n",
    });
    expect(postUrls(model)).toEqual(["/fixed/own/", "/log/2019/plain.html", "/log/2020/year.end.html", "/log/2021/Hello-World.html"]);
  });
});

describe("a post's variables", () => {
  it("has Jekyll's date, categories, tags, title, slug and id", async () => {
    const model = await postsSite("title: Posts\n", {
      "ops/_posts/2024-03-30-late-night.md": "---\ndate: 2024-04-02 00:30:00 +0200\ncategory: Maintenance Window\ntags: db keys\n---\nBody.\n",
    });
    const post = model.pages.find((page) => page.file === "ops/_posts/2024-03-30-late-night.md")!;
    // The front matter's date wins over the file name's, in the local zone (UTC here) as Jekyll's Time is.
    expect(String(post.data!.date)).toBe("2024-04-01 22:30:00 +0000");
    // Jekyll's URL.escape_path: the space is encoded in the URL (the file is `ops/maintenance window/...`).
    expect(post.url).toBe("/ops/maintenance%20window/2024/04/01/late-night.html");
    expect(post.data).toMatchObject({ categories: ["ops", "Maintenance Window"], tags: ["db", "keys"], title: "Late Night", slug: "late-night", ext: ".md" });
    expect(post.jekyll).toMatchObject({ id: "/ops/maintenance%20window/2024/04/01/late-night", collection: "posts" });
    const plain = model.pages.find((page) => page.file === "_posts/2019-2-5-plain.md")!;
    expect(String(plain.data!.date)).toBe("2019-02-05 00:00:00 +0000");
  });

  it("leaves out what Jekyll leaves out, and says so: no date in the name, a future date; future: true builds it", async () => {
    const extra = { "_posts/notes.md": "---\ntitle: Notes\n---\nn\n", "_posts/2999-01-01-later.md": "---\ntitle: Later\n---\nl\n" };
    const model = await postsSite("title: Posts\n", extra);
    expect(model.pages.map((page) => page.file)).not.toContain("_posts/2999-01-01-later.md");
    expect(model.skippedPosts?.map((post) => [post.file, post.severity])).toEqual([
      ["_posts/2999-01-01-later.md", "warning"],
      ["_posts/notes.md", "warning"],
    ]);
    const future = await postsSite("future: true\n", extra);
    expect(future.pages.find((page) => page.file === "_posts/2999-01-01-later.md")?.url).toBe("/2999/01/01/later.html");
  });

  it("refuses a date that is not one, as an error", async () => {
    const model = await postsSite("title: Posts\n", { "_posts/2024-01-01-bad.md": "---\ndate: next tuesday\n---\nb\n" });
    expect(model.skippedPosts).toEqual([expect.objectContaining({ file: "_posts/2024-01-01-bad.md", severity: "error" })]);
  });

  it("reads _drafts/ as drafts, dated by their file's time", async () => {
    const model = await postsSite("title: Posts\n", { "_drafts/coming-soon.md": "---\ntitle: Soon\n---\ns\n" });
    const draftFile = path.join(model.root, "_drafts/coming-soon.md");
    utimesSync(draftFile, new Date("2023-05-06T10:00:00Z"), new Date("2023-05-06T10:00:00Z"));
    const again = readSite(model.root, siteDirectoriesFor(model.root));
    const draft = again.pages.find((page) => page.file === "_drafts/coming-soon.md")!;
    expect(draft.published).toBe(false);
    expect(draft.url).toBe("/2023/05/06/coming-soon.html");
  });
});
