import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeInBrowser, usePagesInBrowser, useSiteInBrowser } from "../helpers/browser.ts";
import { PROJECT_ROOT } from "../helpers/site.ts";

// The tunnel diagram in Debian's Chromium: painted by the theme in light and dark mode
// (screenshots in test-results/), there without JavaScript, and following the port field.
const TUTORIAL = "/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const SCREENSHOTS = path.join(PROJECT_ROOT, "test-results");

describeInBrowser("the tunnel diagram in Chromium", () => {
  const site = useSiteInBrowser();
  const { open } = usePagesInBrowser(site);

  /** The painted colours of the diagram's parts, as the browser computed them. */
  const paint = (page: Page) =>
    page.locator("figure[data-ssh-tunnel-diagram] svg").evaluate((svg) => {
      const fill = (selector: string) => getComputedStyle(svg.querySelector(selector)!).fill;
      return { name: fill(".tunnel-name"), address: fill(".tunnel-address"), box: fill(".tunnel-ssh"), page: getComputedStyle(document.body).backgroundColor };
    });

  it.each(["light", "dark"] as const)("is painted with the %s theme's colours, and screenshotted", async (colorScheme) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const [name, sitePath] of [
      ["generic", TUTORIAL],
      ["amazon", AMAZON],
    ] as const) {
      const page = await open(sitePath, { colorScheme });
      const figure = page.locator("figure[data-ssh-tunnel-diagram]");
      expect(await figure.isVisible()).toBe(true);
      const colours = await paint(page);
      if (colorScheme === "light") {
        expect(colours).toEqual({ name: "rgb(31, 35, 40)", address: "rgb(31, 35, 40)", box: "rgb(246, 248, 250)", page: "rgb(255, 255, 255)" });
      } else {
        expect(colours).toEqual({ name: "rgb(230, 237, 243)", address: "rgb(230, 237, 243)", box: "rgb(22, 27, 34)", page: "rgb(15, 19, 25)" });
      }
      await figure.screenshot({ path: path.join(SCREENSHOTS, `tunnel-diagram-${name}-${colorScheme}.png`) });
      await page.context().close();
    }
  });

  it("follows the reader's theme choice over the system's", async () => {
    const page = await open(TUTORIAL, { colorScheme: "light" });
    await page.getByRole("button", { name: "Dark mode" }).click();
    expect((await paint(page)).name).toBe("rgb(230, 237, 243)");
  });

  it("is there without JavaScript, as tall as its drawing, and fits a phone", async () => {
    const page = await open(TUTORIAL, { javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
    const svg = page.locator("figure[data-ssh-tunnel-diagram] svg");
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.width).toBeLessThanOrEqual(320);
    expect(box.height).toBeGreaterThan(box.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await mkdir(SCREENSHOTS, { recursive: true });
    await svg.screenshot({ path: path.join(SCREENSHOTS, "tunnel-diagram-generic-320-no-js.png") });
  });

  it("shows the SSH port the reader types into the port field, in the picture and its description", async () => {
    const page = await open(TUTORIAL);
    const svg = page.locator("figure[data-ssh-tunnel-diagram] svg");
    const ports = () => svg.locator("[data-firewall-port]").allTextContents();
    expect(new Set(await ports())).toEqual(new Set(["22"]));
    await page.locator("[data-firewall-port-input]").first().fill("2222");
    expect(new Set(await ports())).toEqual(new Set(["2222"]));
    const description = await svg.locator("desc").textContent();
    expect(description).toContain("TCP port 2222 from those addresses");
    expect(description).not.toContain("port 22;");
    // What the rules below now open, the picture shows.
    expect(await page.locator("[data-stitch-ip-addresses] [data-firewall-port]").first().textContent()).toBe("2222");
  });
});
