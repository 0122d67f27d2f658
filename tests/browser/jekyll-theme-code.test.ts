import { rm } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../helpers/browser.ts";
import { writeSite } from "../helpers/jekyll.ts";
import { type SiteServer, serveSite } from "../helpers/server.ts";
import { type BuiltSite, buildFixtureSite } from "../helpers/site.ts";

// A Jekyll site's page that uses the built-in theme's layout gets Rouge's code markup (the
// site's own CSS expects it): the theme must still colour its tokens and name its language.
describeInBrowser("a Jekyll site's code under the theme's layout, in Chromium", () => {
  let root: string;
  let site: BuiltSite;
  let server: SiteServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    root = await writeSite({
      "_config.yml": "title: Theme code\n",
      "index.md": "---\nlayout: page\ntitle: Commands\n---\nRun it:\n\n```bash\nif true; then echo 'on'; fi\n```\n",
    });
    [site, browser] = await Promise.all([buildFixtureSite(root), launchBrowser()]);
    server = await serveSite(site.outputDir);
    page = await browser.newPage();
    await page.goto(`${server.origin}/`);
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("colours the keywords as the theme colours highlight.js's", async () => {
    const colours = await page.evaluate(() => {
      const keyword = document.querySelector("main .highlight .k");
      const probe = document.createElement("span");
      probe.style.color = "var(--hl-keyword)";
      keyword?.parentElement?.append(probe);
      return { keyword: keyword ? getComputedStyle(keyword).color : "no .k span", expected: getComputedStyle(probe).color };
    });
    expect(colours.keyword).toBe(colours.expected);
  });

  it("names the block's language in its toolbar", async () => {
    await expect.poll(() => page.locator("main .code-block .code-language").textContent()).toBe("Shell");
    expect(await page.getByRole("button", { name: "Copy code" }).count()).toBe(1);
  });
});
