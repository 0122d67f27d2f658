import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../helpers/browser.ts";
import { serveSite } from "../helpers/server.ts";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";

/** The component's scripts in a real browser: the port field rewrites the rules; copy copies. */

const SEED = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";

let site: BuiltSite;
let server: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;

const component = (page: Page) => page.locator("[data-stitch-ip-addresses]").first();
const portsShown = (page: Page) => component(page).locator("[data-firewall-port]").allTextContents();

describeInBrowser("region IP component in a browser", () => {
  beforeAll(async () => {
    site = await buildProjectSite();
    server = await serveSite(site.outputDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.cleanup();
  });

  it("with JavaScript: the port field replaces the note and rewrites every rule", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}${SEED}`);
      const input = component(page).getByLabel("Your SSH server's port");
      await expect(input.isVisible()).resolves.toBe(true);
      await expect(component(page).locator("[data-firewall-port-note]").isVisible()).resolves.toBe(false);
      const spots = (await portsShown(page)).length;
      expect(spots).toBeGreaterThanOrEqual(10);

      await input.fill("2222");
      expect(await portsShown(page)).toEqual(Array(spots).fill("2222"));
      const ufw = component(page).locator('details[data-firewall-tool="ufw"]').first();
      await ufw.locator("summary").click();
      expect(await ufw.locator("pre").textContent()).toContain("to any port 2222 comment");
      await expect(component(page).getByRole("status").first().textContent()).resolves.toBe("The rules below now use port 2222.");

      await input.fill("70000");
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect(new Set(await portsShown(page))).toEqual(new Set(["2222"]));
    } finally {
      await context.close();
    }
  });

  it("with JavaScript: a region's copy button puts exactly its addresses on the clipboard", async () => {
    const context = await browser.newContext();
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
      const page = await context.newPage();
      await page.goto(`${server.origin}${SEED}`);
      const europe = component(page).locator('[data-ip-region="europe"]');
      const addresses = await europe.locator("ul.ip-list > li").allTextContents();
      await europe.getByRole("button", { name: "Copy the Europe addresses" }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(addresses.join("\n"));
      // The site's one live region says so (content/assets/site.js).
      await expect.poll(() => page.locator("#live-status").textContent(), { timeout: 10_000 }).toBe("Copied to clipboard");
    } finally {
      await context.close();
    }
  });

  it("without JavaScript: the note shows, the field and copy buttons stay hidden, the rules read port 22", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}${SEED}`);
      await expect(component(page).locator("[data-firewall-port-note]").isVisible()).resolves.toBe(true);
      await expect(component(page).locator("[data-firewall-port-control]").isVisible()).resolves.toBe(false);
      expect(await component(page).locator("button:visible").count()).toBe(0);
      expect(await component(page).locator("h3").allTextContents()).toEqual(["North America", "Europe"]);
      const nftables = component(page).locator('[data-ip-region="europe"] details[data-firewall-tool="nftables"]');
      await nftables.locator("summary").click();
      expect(await nftables.locator("pre").isVisible()).toBe(true);
      expect(await nftables.locator("pre").textContent()).toContain("tcp dport 22 accept");
    } finally {
      await context.close();
    }
  });
});
