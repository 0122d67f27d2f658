import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { describeInBrowser, usePagesInBrowser, useSiteInBrowser } from "../helpers/browser.ts";

// Search from the keyboard, previous / next links and old addresses that keep their #fragment,
// driven in Debian's Chromium on the published fixture site.
const TUTORIAL = "/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
/** The Amazon tutorial's old address (its redirect_from). */
const OLD_AMAZON = "/common/databases/setting-up-ssh-tunnel-for-rds";
const STEP_2 = "allow-ssh-server-to-reach-database";
const SLOW = { timeout: 20_000 };

describeInBrowser("keyboard search, previous / next and redirects in Chromium", () => {
  const site = useSiteInBrowser();
  const { open } = usePagesInBrowser(site);

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
  const focusedHref = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("href") ?? null);

  describe("search from the keyboard", () => {
    it("focuses the search box with / and with Ctrl+K from anywhere on the page", async () => {
      const page = await open(TUTORIAL);
      await page.locator("h1").click();
      expect(await focusedId(page)).not.toBe("search-input");
      await page.keyboard.press("/");
      expect(await focusedId(page)).toBe("search-input");
      // The slash went to the shortcut, not into the box.
      expect(await page.locator("#search-input").inputValue()).toBe("");
      await page.locator("h1").click();
      await page.keyboard.press("Control+k");
      expect(await focusedId(page)).toBe("search-input");
      expect(await page.locator("#search-input").getAttribute("aria-keyshortcuts")).toBe("/ Control+K");
    });

    it("shows the shortcut as a hint in the box, and hides it while the reader is in the box", async () => {
      const page = await open(TUTORIAL);
      const hint = page.locator(".search-hint");
      expect(await hint.isVisible()).toBe(true);
      expect(await hint.locator("kbd").allTextContents()).toEqual(["/", "Ctrl", "K"]);
      await page.keyboard.press("/");
      expect(await hint.isVisible()).toBe(false);
    });

    it("leaves / and Ctrl+K alone while the reader types in a field", async () => {
      const page = await open(TUTORIAL);
      const port = page.locator("[data-firewall-port-input]").first();
      await port.fill("");
      await port.focus();
      await page.keyboard.press("/");
      await page.keyboard.press("Control+k");
      expect(await focusedId(page)).toBe(await port.getAttribute("id"));
      // And in the search box itself, / is a character to search for.
      await page.locator("#search-input").focus();
      await page.keyboard.type("a/b");
      expect(await page.locator("#search-input").inputValue()).toBe("a/b");
    });

    it("walks the results with the arrow keys and follows one with Enter", async () => {
      const page = await open(TUTORIAL);
      await page.keyboard.press("/");
      await page.keyboard.type("authorized_keys");
      await page.locator("#search-results a").first().waitFor(SLOW);
      const hrefs = await page.locator("#search-results a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(hrefs.length).toBeGreaterThan(1);
      await page.keyboard.press("ArrowDown");
      expect(await focusedHref(page)).toBe(hrefs[0]);
      await page.keyboard.press("ArrowDown");
      expect(await focusedHref(page)).toBe(hrefs[1]);
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      expect(await focusedId(page)).toBe("search-input");
      expect(await page.locator("#search-results").isVisible()).toBe(true);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => `${url.pathname}${url.hash}` === hrefs[1]);
    });
  });

  describe("previous and next links", () => {
    it("lead from one tutorial to the next and back, in sidebar order, with rel", async () => {
      const page = await open(TUTORIAL);
      const pager = page.getByRole("navigation", { name: "Previous and next" });
      expect(await pager.locator("a").count()).toBe(1);
      const next = pager.locator('a[rel="next"]');
      expect(await next.getAttribute("href")).toBe(`/docs${AMAZON}`);
      expect(await next.textContent()).toBe("Next Setting up an SSH Tunnel for a database in Amazon Web Services");
      await next.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`**/docs${AMAZON}`);
      const previous = page.getByRole("navigation", { name: "Previous and next" }).locator('a[rel="prev"]');
      expect(await previous.getAttribute("href")).toBe(`/docs${TUTORIAL}`);
      await previous.click();
      await page.waitForURL(`**/docs${TUTORIAL}`);
    });

    it("are there without JavaScript", async () => {
      const page = await open("/integrations/databases/mysql", { javaScriptEnabled: false });
      const pager = page.getByRole("navigation", { name: "Previous and next" });
      const sidebar = await page
        .locator("nav.sidebar details[open] a")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href")).filter((href) => !href?.endsWith("pages")));
      const here = sidebar.indexOf("/docs/integrations/databases/mysql");
      expect(here).toBeGreaterThan(0);
      expect(await pager.locator('a[rel="prev"]').getAttribute("href")).toBe(sidebar[here - 1]);
      expect(await pager.locator('a[rel="next"]').getAttribute("href")).toBe(sidebar[here + 1]);
    });
  });

  describe("an old address with a #fragment", () => {
    const landsOnStep2 = async (page: Page) => {
      await page.waitForURL(`**/docs${AMAZON}#${STEP_2}`);
      await expect.poll(() => page.locator(`#${STEP_2}`).evaluate((heading) => heading.getBoundingClientRect().top), SLOW).toBeLessThan(200);
      expect(await page.locator(`#${STEP_2}`).evaluate((heading) => heading.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    };

    it("lands on the same step of the new address through the redirect page", async () => {
      const page = await open(`${OLD_AMAZON}#${STEP_2}`);
      await landsOnStep2(page);
    });

    it("lands on the page without JavaScript, through the refresh", async () => {
      const page = await open(`${OLD_AMAZON}#${STEP_2}`, { javaScriptEnabled: false });
      await page.waitForURL(`**/docs${AMAZON}`);
      expect(await page.locator("h1").textContent()).toBe("Setting up an SSH Tunnel for a database in Amazon Web Services");
    });

    it("keeps it through _redirects' 301, which the browser carries over by itself", async () => {
      // A host honouring the built _redirects (as Netlify does): a 301 for each rule, the site for the rest.
      const rules = new Map<string, string>();
      for (const line of (await readFile(path.join(site.published.site.outputDir, "_redirects"), "utf8")).split("\n")) {
        const [from, to, status] = line.split(/\s+/);
        if (status === "301" && from && to) rules.set(from, to);
      }
      expect(rules.get(`/docs${OLD_AMAZON}`)).toBe(`/docs${AMAZON}`);
      let redirected = 0;
      const host = createServer(async (request, response) => {
        const to = rules.get(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
        if (to) {
          redirected++;
          response.writeHead(301, { location: to }).end();
          return;
        }
        const upstream = await fetch(`${site.published.server.origin}${request.url}`);
        response.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "" }).end(Buffer.from(await upstream.arrayBuffer()));
      });
      await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
      let page: Page | undefined;
      try {
        page = await open(`http://127.0.0.1:${(host.address() as AddressInfo).port}/docs${OLD_AMAZON}#${STEP_2}`);
        await landsOnStep2(page);
        expect(redirected).toBe(1);
      } finally {
        // Before the host stops: the page's connections to it end with its context.
        await page?.context().close();
        host.closeAllConnections();
        await new Promise((resolve) => host.close(resolve));
      }
    });
  });
});
