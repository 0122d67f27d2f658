import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildFixtureSite, buildProjectSite, makeFixtureSite, renderFixtureSite } from "../helpers/site.ts";

// Redirects, sitemap, robots.txt, 404, "Edit this page" and "Last updated".
const AMAZON = "/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const OLD_AMAZON = "/common/databases/setting-up-ssh-tunnel-for-rds";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildProjectSite();
});
afterAll(() => site?.cleanup());

const read = (built: BuiltSite, file: string) => readFile(path.join(built.outputDir, file), "utf8");

describe("redirect_from", () => {
  it("serves a redirect page at the old path that sends readers to the page", async () => {
    const $ = await site.page(`/docs${OLD_AMAZON}`);
    expect(site.fileFor(`/docs${OLD_AMAZON}`)).toBe(`docs${OLD_AMAZON}.html`);
    expect($('meta[http-equiv="refresh"]').attr("content")).toBe(`0; url=/docs${AMAZON}`);
    expect($('link[rel="canonical"]').attr("href")).toBe(`https://www.stitchdata.com/docs${AMAZON}`);
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
    expect($("main a").attr("href")).toBe(`/docs${AMAZON}`);
  });

  it("writes a _redirects file at the host's root, with the 404 page for unknown paths last", async () => {
    const lines = (await read(site, "_redirects")).trim().split("\n");
    expect(lines).toEqual([`/docs${OLD_AMAZON} /docs${AMAZON} 301`, "/docs/* /docs/404.html 404"]);
  });

  it("accepts a single string as well as a list", async () => {
    const root = await makeFixtureSite({
      files: { "content/moved.md": "---\ntitle: Moved\npermalink: /moved\nlayout: page\nredirect_from: /old-moved\n---\nHere now.\n" },
    });
    const built = await buildFixtureSite(root);
    try {
      const $ = await built.page("/docs/old-moved");
      expect($('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/docs/moved");
    } finally {
      await built.cleanup();
    }
  });

  // The checks report each of these at its line (tests/checks/findings.test.ts); a build run
  // whose checks fail must still not render them, nor throw an unlocated error.
  it("leaves out entries that are not site paths, the page's own URL and an old URL claimed twice", async () => {
    const page = (name: string, redirects: string) => `---\ntitle: ${name}\npermalink: /${name}\nlayout: page\nredirect_from: ${redirects}\n---\nText.\n`;
    const root = await makeFixtureSite({
      files: {
        "content/a.md": page("a", '["old-a", "/a", "/shared-old", "/../../escaped", "/kept-a"]'),
        "content/b.md": page("b", '["/shared-old", "/kept-b"]'),
      },
    });
    const built = await renderFixtureSite(root);
    expect(built.findings.filter((found) => found.severity === "error")).not.toEqual([]);
    try {
      const lines = (await read(built, "_redirects")).trim().split("\n");
      expect(lines.filter((line) => !line.includes(OLD_AMAZON))).toEqual([
        "/docs/shared-old /docs/a 301",
        "/docs/kept-a /docs/a 301",
        "/docs/kept-b /docs/b 301",
        "/docs/* /docs/404.html 404",
      ]);
      expect(built.fileFor("/docs/old-a")).toBeUndefined();
      expect(built.fileFor("/escaped")).toBeUndefined();
      expect(built.fileFor("/docs/escaped")).toBeUndefined();
    } finally {
      await built.cleanup();
    }
  });

  it("writes no extra lines into _redirects from an entry holding a line break", async () => {
    const root = await makeFixtureSite({
      files: {
        "content/moved.md": '---\ntitle: Moved\npermalink: /moved\nlayout: page\nredirect_from: ["/old\\n/evil /elsewhere 200", "/old-moved"]\n---\nText.\n',
      },
    });
    const built = await renderFixtureSite(root);
    expect(built.findings.filter((found) => found.severity === "error")).not.toEqual([]);
    try {
      const lines = (await read(built, "_redirects")).trim().split("\n");
      expect(lines.filter((line) => !line.includes(OLD_AMAZON))).toEqual(["/docs/old-moved /docs/moved 301", "/docs/* /docs/404.html 404"]);
    } finally {
      await built.cleanup();
    }
  });
});

describe("sitemap.xml and robots.txt", () => {
  it("lists every page once at its canonical URL, and no redirect, search or 404 page", async () => {
    const $ = cheerio.load(await read(site, "docs/sitemap.xml"), { xml: true });
    const locs = $("url > loc")
      .map((_, loc) => $(loc).text())
      .get();
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs).toContain(`https://www.stitchdata.com/docs${AMAZON}`);
    expect(locs).toContain("https://www.stitchdata.com/docs/");
    expect(locs.some((loc) => /setting-up-ssh-tunnel-for-rds|\/404|\/search|\.html$/.test(loc))).toBe(false);
    // Every content page is in it: all built pages but the redirect, 404 and search pages.
    expect(locs.length).toBe(site.htmlFiles.length - 3);
  });

  it("robots.txt points at the sitemap", async () => {
    expect(await read(site, "robots.txt")).toContain("Sitemap: https://www.stitchdata.com/docs/sitemap.xml");
  });
});

describe("404 page", () => {
  it("exists below the base URL, is kept out of search engines, and links home", async () => {
    const $ = await site.page("/docs/404");
    expect($("h1").text()).toBe("Page not found");
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
    expect($('link[rel="canonical"]').length).toBe(0);
    expect($("main a[href='/docs/']").length).toBeGreaterThan(0);
  });
});

describe("Edit this page", () => {
  it("links to the page's source file in the configured repository", async () => {
    const $ = await site.page(`/docs${AMAZON}`);
    expect($("a.edit-link").attr("href")).toBe(
      "https://github.com/stitchdata/ssh-tunnel-docs/edit/main/content/common/databases/setting-up-ssh-tunnel-for-amazon-web-services.md",
    );
  });

  it("is left off when no repository is configured", async () => {
    const root = await makeFixtureSite();
    const settings = await readFile(path.join(root, "_data/site.yml"), "utf8");
    await writeFile(path.join(root, "_data/site.yml"), settings.replace(/^edit-url:.*$/m, 'edit-url: ""'));
    const built = await buildFixtureSite(root);
    try {
      expect((await built.page(`/docs${AMAZON}`))("a.edit-link").length).toBe(0);
    } finally {
      await built.cleanup();
    }
  });
});

describe("Last updated", () => {
  it("is left off when the source has no git history", async () => {
    // Fixture sites are copies in a temp folder, outside any repository.
    const $ = await site.page(`/docs${AMAZON}`);
    expect($(".last-updated").length).toBe(0);
  });

  it("shows the date of the source's last commit, the same on every build", async () => {
    const root = await makeFixtureSite();
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: root,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "Docs",
          GIT_AUTHOR_EMAIL: "docs@example.com",
          GIT_COMMITTER_NAME: "Docs",
          GIT_COMMITTER_EMAIL: "docs@example.com",
          GIT_AUTHOR_DATE: "2024-03-05T10:00:00+01:00",
          GIT_COMMITTER_DATE: "2024-03-05T10:00:00+01:00",
        },
      });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "docs");
    const first = await buildFixtureSite(root);
    const firstHtml = await read(first, `docs${AMAZON}.html`);
    const second = await buildFixtureSite(root);
    try {
      const $ = cheerio.load(firstHtml);
      expect($(".last-updated time").attr("datetime")).toBe("2024-03-05T10:00:00+01:00");
      expect($(".last-updated").text()).toBe("Last updated 5 March 2024");
      expect(await read(second, `docs${AMAZON}.html`)).toBe(firstHtml);
    } finally {
      await second.cleanup();
    }
  });
});
