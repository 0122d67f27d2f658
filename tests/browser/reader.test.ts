import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { describeInBrowser, usePagesInBrowser, useSiteInBrowser } from "../helpers/browser.ts";
import { PROJECT_ROOT } from "../helpers/site.ts";

// What a reader does on the published site, in Debian's Chromium: one browser for the file, a
// fresh context (no stored theme, no clipboard) per test.
const TUTORIAL = "/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const SCREENSHOTS = path.join(PROJECT_ROOT, "test-results");

describeInBrowser("a reader's flows in Chromium", () => {
  const site = useSiteInBrowser();

  const { open, bareContext } = usePagesInBrowser(site);

  /** For waits on work the page does (loading the search index): a busy machine can take seconds. */
  const SLOW = { timeout: 20_000 };

  const noHorizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  describe("the tutorial", () => {
    it("opens with its title, steps and table of contents", async () => {
      const page = await open(TUTORIAL);
      expect(await page.locator("h1").textContent()).toBe("Setting up an SSH Tunnel for a database connection");
      expect(await page.locator("article section.step h2").count()).toBe(5);
      expect(await page.locator("nav.toc a").count()).toBe(6);
      expect(await page.locator('nav.sidebar a[aria-current="page"]').getAttribute("href")).toBe(`/docs${TUTORIAL}`);
    });

    it("marks the step being read in the table of contents as the reader scrolls", async () => {
      const page = await open(TUTORIAL);
      await page.locator("#create-stitch-ssh-user").evaluate((heading) => heading.scrollIntoView());
      await expect.poll(() => page.locator('nav.toc a[aria-current="true"]').getAttribute("href"), SLOW).toBe("#create-stitch-ssh-user");
      await page.locator("#configure-database-allow-ssh-server-traffic").evaluate((heading) => heading.scrollIntoView());
      await expect.poll(() => page.locator('nav.toc a[aria-current="true"]').getAttribute("href"), SLOW).toBe("#configure-database-allow-ssh-server-traffic");
      expect(await page.locator('nav.toc a[aria-current="true"]').count()).toBe(1);
    });

    it("shows a step heading's self-link when it has keyboard focus", async () => {
      const page = await open(TUTORIAL);
      const anchor = page.locator('a.heading-anchor[href="#retrieve-your-public-key"]');
      expect(await anchor.evaluate((link) => getComputedStyle(link).opacity)).toBe("0");
      await anchor.focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      expect(await anchor.evaluate((link) => getComputedStyle(link).opacity)).toBe("1");
    });
  });

  describe("disclosures", () => {
    it("open and close with the keyboard", async () => {
      const page = await open(TUTORIAL);
      const details = page.locator("details#public-key-for-an-integration");
      const firstStep = details.locator("li").first();
      expect(await firstStep.isVisible()).toBe(false);
      // Tab from the step's self-link reaches the disclosure next.
      await page.locator('a.heading-anchor[href="#retrieve-your-public-key"]').focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("details")?.id)).toBe("public-key-for-an-integration");
      await page.keyboard.press("Enter");
      expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
      expect(await firstStep.isVisible()).toBe(true);
      await page.keyboard.press("Space");
      expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
      expect(await firstStep.isVisible()).toBe(false);
    });
  });

  describe("copy buttons", () => {
    it("copy a code block's exact text, from the keyboard, and say so", async () => {
      const page = await open(TUTORIAL, { permissions: ["clipboard-read", "clipboard-write"] });
      const block = page.locator(".code-block").filter({ hasText: "groupadd" });
      const button = block.getByRole("button", { name: "Copy code" });
      await button.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("#live-status").textContent(), SLOW).toBe("Copied to clipboard");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        "sudo groupadd stitch\nsudo useradd --create-home --gid stitch --shell /bin/bash stitch",
      );
      expect(await page.locator(".code-block").count()).toBe(await page.locator("main pre").count());
    });

    it("copy an element named by data-copy-target, a list one item per line", async () => {
      const page = await open(TUTORIAL, { permissions: ["clipboard-read", "clipboard-write"] });
      // The hook other includes use (e.g. a region's IP list): a button naming the element to copy.
      await page.evaluate(() => {
        const list = document.querySelector("#configure-ssh-server-stitch-access")!.closest("section")!.querySelector("ul")!;
        list.id = "addresses";
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.copyTarget = "addresses";
        button.textContent = "Copy addresses";
        list.after(button);
      });
      await page.getByRole("button", { name: "Copy addresses" }).click();
      await expect
        .poll(() => page.evaluate(() => navigator.clipboard.readText()), SLOW)
        .toBe("52.23.137.21/32\n52.204.223.208/32\n52.204.228.32/32\n52.204.230.227/32");
    });
  });

  describe("search", () => {
    it("finds authorized_keys and leads to the step that uses it", async () => {
      const page = await open(TUTORIAL);
      await page.getByRole("searchbox", { name: "Search the documentation" }).fill("authorized_keys");
      const result = page.locator(`#search-results a[href="/docs${TUTORIAL}#create-stitch-ssh-user"]`);
      await result.waitFor();
      await expect.poll(() => page.locator("#live-status").textContent(), SLOW).toMatch(/pages? match/);
      await result.click();
      await page.waitForURL(`**/docs${TUTORIAL}#create-stitch-ssh-user`);
      const top = await page.locator("#create-stitch-ssh-user").evaluate((heading) => heading.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(200);
    });

    it("lists every match on the search page, where Enter leads", async () => {
      const page = await open("/");
      const box = page.getByRole("searchbox", { name: "Search the documentation" });
      await box.fill("authorized_keys");
      await box.press("Enter");
      await page.waitForURL("**/docs/search?q=authorized_keys");
      await expect.poll(() => page.locator(".search-page-status").textContent(), SLOW).toMatch(/^\d+ pages match/);
      const pages = await page.locator(".search-page-results a.result-page").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(pages).toEqual(expect.arrayContaining([`/docs${TUTORIAL}`, `/docs${AMAZON}`]));
    });
  });

  describe("dark mode", () => {
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    it("follows the system setting", async () => {
      const page = await open(TUTORIAL, { colorScheme: "dark" });
      expect(await background(page)).toBe("rgb(15, 19, 25)");
      expect(await page.locator(".theme-toggle").getAttribute("aria-pressed")).toBe("true");
    });

    it("can be switched on, and stays on after a reload", async () => {
      const page = await open(TUTORIAL, { colorScheme: "light" });
      expect(await background(page)).toBe("rgb(255, 255, 255)");
      const toggle = page.getByRole("button", { name: "Dark mode" });
      expect(await toggle.getAttribute("aria-pressed")).toBe("false");
      await toggle.click();
      expect(await background(page)).toBe("rgb(15, 19, 25)");
      await page.reload();
      expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
      expect(await background(page)).toBe("rgb(15, 19, 25)");
      expect(await page.getByRole("button", { name: "Dark mode" }).getAttribute("aria-pressed")).toBe("true");
    });
  });

  describe("redirect_from", () => {
    it("leads from the page's old path to the page", async () => {
      const page = await open("/common/databases/setting-up-ssh-tunnel-for-rds");
      await page.waitForURL(`**/docs${AMAZON}`);
      expect(await page.locator("h1").textContent()).toBe("Setting up an SSH Tunnel for a database in Amazon Web Services");
    });
  });

  describe("unknown paths", () => {
    it("get the 404 page", async () => {
      const page = await (await bareContext()).newPage();
      const response = await page.goto(site.published.url("/no/such/page"));
      expect(response?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Page not found");
    });
  });

  describe("screen widths", () => {
    it.each([375, 1280])("lays the tutorial out at %i px without horizontal scrolling", async (width) => {
      const page = await open(TUTORIAL, { viewport: { width, height: 900 } });
      expect(await noHorizontalOverflow(page)).toBe(true);
      // Opened disclosures must fit too.
      await page.locator("details").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      expect(await noHorizontalOverflow(page)).toBe(true);
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `tutorial-${width}.png`), fullPage: true });
    });

    it("fits every page at 320 px", async () => {
      const page = await open("/", { viewport: { width: 320, height: 700 } });
      const overflowing: string[] = [];
      for (const file of site.published.site.htmlFiles) {
        // Redirect pages show nothing: they leave at once.
        if ((await readFile(path.join(site.published.site.outputDir, file), "utf8")).includes('http-equiv="refresh"')) continue;
        await page.goto(`${site.published.server.origin}/${file}`);
        if (!(await noHorizontalOverflow(page))) overflowing.push(file);
      }
      expect(overflowing).toEqual([]);
    });

    it("folds the navigation behind a menu button on small screens", async () => {
      const page = await open(TUTORIAL, { viewport: { width: 375, height: 800 } });
      const menu = page.getByRole("button", { name: "Menu" });
      const current = page.locator('nav.sidebar a[aria-current="page"]');
      expect(await current.isVisible()).toBe(false);
      await menu.click();
      expect(await menu.getAttribute("aria-expanded")).toBe("true");
      expect(await current.isVisible()).toBe(true);
      await page.keyboard.press("Escape");
      expect(await current.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.classList.contains("menu-toggle"))).toBe(true);
    });

    it("folds the table of contents on small screens", async () => {
      const page = await open(TUTORIAL, { viewport: { width: 375, height: 800 } });
      const toggle = page.locator(".toc-toggle");
      const link = page.locator('nav.toc a[href="#create-stitch-ssh-user"]');
      expect(await link.isVisible()).toBe(false);
      await toggle.click();
      expect(await link.isVisible()).toBe(true);
      await link.click();
      await page.waitForURL("**#create-stitch-ssh-user");
      expect(await link.isVisible()).toBe(false);
    });
  });

  describe("without JavaScript", () => {
    it("shows the navigation and contents, and hides controls that need scripts", async () => {
      const page = await open(TUTORIAL, { javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
      expect(await page.locator('nav.sidebar a[aria-current="page"]').isVisible()).toBe(true);
      expect(await page.locator('nav.toc a[href="#create-stitch-ssh-user"]').isVisible()).toBe(true);
      expect(await page.locator(".theme-toggle").isVisible()).toBe(false);
      expect(await page.locator(".menu-toggle").isVisible()).toBe(false);
      expect(await noHorizontalOverflow(page)).toBe(true);
    });
  });

  describe("printing", () => {
    it("hides navigation and prints every disclosure open", async () => {
      const page = await open(TUTORIAL);
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("nav.sidebar").isVisible()).toBe(false);
      expect(await page.locator("nav.toc").isVisible()).toBe(false);
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      const hiddenStep = page.locator("details#public-key-for-a-destination li").first();
      expect(await hiddenStep.isVisible()).toBe(true);
    });
  });
});
