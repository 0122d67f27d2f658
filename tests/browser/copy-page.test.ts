import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContextOptions } from "playwright-core";
import { expect, it } from "vitest";
import { axeViolationsInBothSchemes } from "../helpers/axe.ts";
import { describeInBrowser, usePagesInBrowser, useSiteInBrowser } from "../helpers/browser.ts";

// "Copy page as Markdown" beside each page's title, in Debian's Chromium: what lands on the
// clipboard is the page's Markdown copy, the button and the live region say so, axe finds
// nothing wrong with it in either theme, and without JavaScript it is not offered.
const TUTORIAL = "/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const SLOW = { timeout: 20_000 };
const CLIPBOARD: BrowserContextOptions = { permissions: ["clipboard-read", "clipboard-write"] };

describeInBrowser("Copy page as Markdown, in Chromium", () => {
  const site = useSiteInBrowser();

  const { open } = usePagesInBrowser(site);

  const markdownCopyOf = (sitePath: string) => readFile(path.join(site.published.site.outputDir, `${site.published.baseurl}${sitePath}.md`), "utf8");

  it("puts the page's Markdown copy on the clipboard, and says so on the button and to screen readers", async () => {
    const page = await open(TUTORIAL, CLIPBOARD);
    const button = page.locator(".page-heading button.copy-page");
    expect(await button.textContent()).toBe("Copy page as Markdown");
    await page.getByRole("button", { name: "Copy page as Markdown" }).click();
    await expect.poll(() => page.locator("#live-status").textContent(), SLOW).toBe("Copied to clipboard");
    expect(await button.textContent()).toBe("Copied");
    const copy = await markdownCopyOf(TUTORIAL);
    expect(copy.startsWith("# Setting up an SSH Tunnel for a database in Amazon Web Services\n")).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copy);
  });

  it("works from the keyboard on a plain page too", async () => {
    const page = await open("/integrations", CLIPBOARD);
    await page.locator("button.copy-page").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), SLOW).toBe(await markdownCopyOf("/integrations"));
  });

  it("has no axe violation, light or dark, shown and after copying", async () => {
    const page = await open(TUTORIAL, CLIPBOARD);
    const button = page.locator("button.copy-page");
    expect(await button.isVisible()).toBe(true);
    const found = (await axeViolationsInBothSchemes(page)).map((violation) => `shown: ${violation}`);
    await button.click();
    await expect.poll(() => button.textContent(), SLOW).toBe("Copied");
    found.push(...(await axeViolationsInBothSchemes(page)).map((violation) => `copied: ${violation}`));
    expect(found).toEqual([]);
  });

  it("is not offered without JavaScript, which it needs", async () => {
    const page = await open(TUTORIAL, { javaScriptEnabled: false });
    expect(await page.locator("button.copy-page").count()).toBe(1);
    expect(await page.locator("button.copy-page").isVisible()).toBe(false);
  });
});
