import { existsSync, readdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { writeSite } from "../helpers/jekyll.ts";

/**
 * A Jekyll site's posts through the whole pipeline, without Jekyll: their order (date, then
 * path), `page.next` / `page.previous`, `site.related_posts`, excerpts (a Liquid block the
 * separator cuts open is closed, link references come along, the front matter's wins) and
 * `_drafts/`. The expected text is what Jekyll 4.3 wrote for the same files
 * (tests/jekyll/site-fixtures/posts compares a whole site with Jekyll's own build).
 */

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const FILES = {
  "_config.yml": "title: Posts\n",
  "_layouts/d.html":
    "{{ page.previous.title }} [{{ page.title }}] {{ page.next.title }} | {% for p in site.related_posts %}{{ p.title }}, {% endfor %}| {{ page.excerpt }}\n",
  "_posts/2024-05-01-b-second.md": "---\nlayout: d\n---\nSecond on the day.\n\nMore.\n",
  "_posts/2024-05-01-a-first.md":
    "---\nlayout: d\ntitle: Same day A\n---\nSee [the guide][g] and {% if true %}more\n\n{% endif %}\n[g]: https://example.com/guide\n",
  "_posts/2024-04-01-older.md": "---\nlayout: d\nexcerpt: Hand-written summary\n---\nBody\n",
  "index.html":
    '---\ntitle: Home\n---\n{% for p in site.posts %}{{ p.title }}/{% endfor %}|{{ site.related_posts }}|{{ site.posts | map: "excerpt" | join: "#" }}\n',
  "_layouts/full.html": '<!DOCTYPE html>\n<html lang="en"><head><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>\n',
  "_drafts/coming-soon.md": "---\nlayout: full\ntitle: Soon\n---\nNot yet.\n",
};

async function build(drafts = false) {
  const root = await writeSite(FILES, "jekyll-posts-");
  roots.push(root);
  const result = await runPipeline({ root, publish: true, drafts });
  expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
  const text = (file: string) => readFile(path.join(root, "_site", file), "utf8");
  return { root, text };
}

describe("a Jekyll site's posts", () => {
  it("are in Jekyll's order, with their neighbours, related posts and excerpts", async () => {
    const { text } = await build();
    expect((await text("2024/04/01/older.html")).trim()).toBe("[Older] Same day A | B Second, Same day A, | Hand-written summary");
    expect((await text("2024/05/01/a-first.html")).trim()).toBe(
      'Older [Same day A] B Second | B Second, Older, | <p>See <a href="https://example.com/guide">the guide</a> and more</p>',
    );
    expect((await text("2024/05/01/b-second.html")).trim()).toBe("Same day A [B Second]  | Same day A, Older, | <p>Second on the day.</p>");
    expect((await text("index.html")).trim()).toBe(
      'B Second/Same day A/Older/||<p>Second on the day.</p>\n#<p>See <a href="https://example.com/guide">the guide</a> and more</p>\n#Hand-written summary',
    );
  });

  it("gives each post the ten newest others as related posts, and every older post the same ten", async () => {
    const day = (n: number) => String(n).padStart(2, "0");
    const posts = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`_posts/2024-01-${day(i + 1)}-p${i + 1}.md`, "---\nlayout: r\n---\nText\n"]));
    const root = await writeSite(
      { "_config.yml": "title: Related\n", "_layouts/r.html": "{% for p in site.related_posts %}{{ p.title }} {% endfor %}\n", ...posts },
      "jekyll-related-",
    );
    roots.push(root);
    await runPipeline({ root, publish: true });
    const related = async (n: number) => (await readFile(path.join(root, "_site", `2024/01/${day(n)}/p${n}.html`), "utf8")).trim();
    const titles = (numbers: number[]) => numbers.map((n) => `P${n}`).join(" ");
    const newestTenFrom = (first: number) => Array.from({ length: 10 }, (_, i) => first - i);
    expect(await related(13)).toBe(titles(newestTenFrom(12)));
    expect(await related(3)).toBe(titles(newestTenFrom(13)));
    expect(await related(2)).toBe(titles(newestTenFrom(13)));
    expect(await related(1)).toBe(titles(newestTenFrom(13)));
  });

  it("builds _drafts/ only with drafts, dated by its file's time and marked as a draft post", async () => {
    const draftUrl = (root: string) => {
      const year = String(new Date().getFullYear());
      const folder = path.join(root, "_site", year);
      return existsSync(folder)
        ? readdirSync(folder, { recursive: true })
            .map(String)
            .find((file) => file.endsWith("coming-soon.html"))
        : undefined;
    };
    const without = await build();
    expect(draftUrl(without.root)).toBeUndefined();
    const withDrafts = await build(true);
    const file = draftUrl(withDrafts.root);
    expect(file).toBeDefined();
    const html = await withDrafts.text(`${new Date().getFullYear()}/${file}`);
    expect(html).toContain("This post is in <code>_drafts/</code>");
  });

  it("renders an undefined name in an excerpt as nothing, reported once, at the post", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Posts\n",
        "_layouts/full.html": FILES["_layouts/full.html"],
        "_posts/2024-01-01-p.md": "---\nlayout: full\ntitle: P\n---\nHello {{ page.nothing_here }} there.\n\nMore.\n",
        "index.html": "---\nlayout: full\ntitle: Home\n---\n{% for p in site.posts %}{{ p.excerpt }}{% endfor %}\n",
      },
      "jekyll-posts-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    const about = result.findings.filter((found) => found.message.includes("nothing_here"));
    expect(about.map((found) => [found.file, found.line, found.severity])).toEqual([["_posts/2024-01-01-p.md", 5, "warning"]]);
    expect(await readFile(path.join(root, "_site/index.html"), "utf8")).toContain("<p>Hello  there.</p>");
  });

  it("dates posts in each site's own timezone: two builds at once, TZ untouched", async () => {
    const site = (zone: string) =>
      writeSite(
        {
          "_config.yml": `title: Zones\ntimezone: ${zone}\n`,
          "_layouts/d.html": "{{ page.date }} {{ page.date | date: '%H:%M' }} {{ site.time | date: '%z' }}\n",
          "_posts/2024-01-15-release.md": "---\nlayout: d\ndate: 2024-01-15 12:00:00 +0000\n---\nText\n",
        },
        "jekyll-zone-",
      );
    const [tokyo, newYork] = await Promise.all([site("Asia/Tokyo"), site("America/New_York")]);
    roots.push(tokyo, newYork);
    const zoneBefore = process.env.TZ;
    await Promise.all([runPipeline({ root: tokyo, publish: true }), runPipeline({ root: newYork, publish: true })]);
    expect(process.env.TZ).toBe(zoneBefore);
    expect((await readFile(path.join(tokyo, "_site/2024/01/15/release.html"), "utf8")).trim()).toBe("2024-01-15 21:00:00 +0900 21:00 +0900");
    expect((await readFile(path.join(newYork, "_site/2024/01/15/release.html"), "utf8")).trim()).toMatch(/^2024-01-15 07:00:00 -0500 07:00 -0[45]00$/);
  });

  it("reports a timezone it doesn't know at its line, and dates posts in the build's own zone", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Zones\ntimezone: Mars/Olympus_Mons\n",
        "_layouts/d.html": "{{ page.date }}\n",
        "_posts/2024-01-15-release.md": "---\nlayout: d\ndate: 2024-01-15 12:00:00 +0000\n---\nText\n",
      },
      "jekyll-zone-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    const zone = result.findings.filter((found) => found.message.includes("timezone"));
    expect(zone.map((found) => [found.file, found.line, found.column, found.severity])).toEqual([["_config.yml", 2, 1, "warning"]]);
    expect(zone[0]!.message).toContain('timezone "Mars/Olympus_Mons" is not a time zone this generator knows');
    const offset = -new Date("2024-01-15T12:00:00Z").getTimezoneOffset();
    expect(await readFile(path.join(root, "_site/2024/01/15/release.html"), "utf8")).toContain(offset === 0 ? "2024-01-15 12:00:00 +0000" : "2024-01-15");
  });

  it("gives each post's content as Jekyll's order of rendering has it: earlier posts rendered, itself and later ones as written", async () => {
    const post = (n: number) =>
      `---\ntitle: P${n}\n---\nP${n} sees {% for p in site.posts %}{{ p.title }}={{ p.content | strip_html | normalize_whitespace | size }};{% endfor %}\n`;
    const root = await writeSite(
      {
        "_config.yml": "title: R\n",
        "_posts/2024-01-01-p1.md": post(1),
        "_posts/2024-01-02-p2.md": post(2),
        "_posts/2024-01-03-p3.md": post(3),
        "index.html": "---\n---\n{% for p in site.posts %}{{ p.content | strip_html | normalize_whitespace }}|{% endfor %}\n",
      },
      "jekyll-contents-",
    );
    roots.push(root);
    await runPipeline({ root, publish: true });
    const text = async (file: string) => (await readFile(path.join(root, "_site", file), "utf8")).trim();
    // What Jekyll 4.3 writes for these files.
    expect(await text("index.html")).toBe("P3 sees P3=118;P2=28;P1=29;|P2 sees P3=118;P2=118;P1=29;|P1 sees P3=118;P2=118;P1=118;|");
    expect(await text("2024/01/01/p1.html")).toBe("<p>P1 sees P3=118;P2=118;P1=118;</p>");
    expect(await text("2024/01/03/p3.html")).toBe("<p>P3 sees P3=118;P2=28;P1=29;</p>");
  });

  it("gives pages a nil excerpt, and reports page_excerpts, which is not done, at its line", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: E\npage_excerpts: true\nliquid:\n  strict_variables: true\n",
        "index.html": "---\ntitle: Home\n---\n[{{ page.excerpt }}] [{{ site.pages[0].excerpt }}] {{ page.content | size }}\n",
      },
      "jekyll-page-excerpt-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
    const setting = result.findings.filter((found) => found.message.includes("page_excerpts"));
    expect(setting.map((found) => [found.file, found.line, found.severity])).toEqual([["_config.yml", 2, "warning"]]);
    // Its own content is its text as written (77 characters), as in Jekyll; Jekyll would render the excerpts.
    expect((await readFile(path.join(root, "_site/index.html"), "utf8")).trim()).toBe("[] [] 77");
  });
});
