import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.ts";
import { describeInBrowser, useSiteInBrowser } from "../helpers/browser.ts";

// axe-core's WCAG 2.1 A and AA rules on every built page, in light and in dark mode, plus the
// states a reader puts the tutorial in (disclosures open, search results, the small-screen menu).
describeInBrowser("accessibility of every page in Chromium", () => {
  const site = useSiteInBrowser();

  /** Both colour schemes of the page as loaded, light first. */
  async function violationsInBothSchemes(page: Page, label: string): Promise<string[]> {
    const found: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      found.push(...(await axeViolations(page)).map((violation) => `${label} (${colorScheme}): ${violation}`));
    }
    return found;
  }

  describe("axe-core, WCAG 2.1 AA", () => {
    it("finds no violation on any built page, light or dark", async () => {
      const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const found: string[] = [];
      let checked = 0;
      for (const file of site.published.site.htmlFiles) {
        const html = await readFile(path.join(site.published.site.outputDir, file), "utf8");
        if (html.includes('http-equiv="refresh"')) {
          // A redirect page leaves at once; check it as it is, minus the refresh and its script.
          const staying = html.replace(/<meta http-equiv="refresh"[^>]*>/, "").replace(/<script [^>]*data-redirect-to[^>]*><\/script>/, "");
          expect(staying).not.toMatch(/refresh|data-redirect-to/);
          await page.route(`**/${file.replace(/\.html$/, "")}`, (route) => route.fulfill({ contentType: "text/html", body: staying }));
        }
        await page.goto(`${site.published.server.origin}/${file.replace(/\.html$/, "")}`);
        found.push(...(await violationsInBothSchemes(page, file)));
        await page.unrouteAll();
        checked++;
      }
      await context.close();
      expect(checked).toBe(site.published.site.htmlFiles.length);
      expect(found).toEqual([]);
    });

    it("finds none in the tutorial with its disclosures open and search results showing", async () => {
      const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.published.url("/common/databases/setting-up-ssh-tunnel-for-amazon-web-services"));
      await page.locator("details").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      await page.getByRole("searchbox").fill("ssh");
      await page.locator("#search-results li").first().waitFor();
      await page.locator(".heading-anchor").first().focus();
      const found = await violationsInBothSchemes(page, "tutorial, opened");
      await context.close();
      expect(found).toEqual([]);
    });

    it("finds none with the small-screen menu and contents open, and the theme chosen", async () => {
      const context = await site.browser.newContext({ viewport: { width: 375, height: 800 } });
      const page = await context.newPage();
      await page.goto(site.published.url("/common/databases/setting-up-ssh-tunnel-for-database-connection"));
      await page.locator(".toc-toggle").click();
      await page.getByRole("button", { name: "Menu" }).click();
      const found = await violationsInBothSchemes(page, "tutorial, small screen");
      // The reader's own choice (data-theme) rather than the system's.
      await page.emulateMedia({ colorScheme: "light" });
      await page.getByRole("button", { name: "Dark mode" }).click();
      expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
      found.push(...(await axeViolations(page)).map((violation) => `chosen dark theme: ${violation}`));
      await context.close();
      expect(found).toEqual([]);
    });
  });
});
