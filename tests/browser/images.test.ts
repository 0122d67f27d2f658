import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { BrowserContext, BrowserContextOptions, Page, Route } from "playwright-core";
import { afterEach, expect, it } from "vitest";
import { describeInBrowser, useSiteInBrowser } from "../helpers/browser.ts";

// The Amazon tutorial's screenshots as a reader's Chromium gets them (src/publish/images.ts):
// loaded only as the reader nears them, in a modern format, without moving the text, and
// accessible.
const AMAZON = "/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const isScreenshot = (url: string) => /\/assets\/images\/[^/]+\.(?:avif|webp|png)$/.test(new URL(url).pathname);

describeInBrowser("the tutorial's screenshots in Chromium", () => {
  const site = useSiteInBrowser();
  let context: BrowserContext | undefined;
  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    return context.newPage();
  }
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** Waits until every screenshot of the page has loaded (scrolled to, they load). */
  const allLoaded = (page: Page) =>
    expect
      .poll(
        () =>
          page
            .locator("picture img")
            .evaluateAll((images) => images.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);

  it("has width, height, lazy loading and async decoding on each, and loads one far below the fold only when the reader nears it", async () => {
    const page = await open();
    const requested: string[] = [];
    page.on("request", (request) => {
      if (isScreenshot(request.url())) requested.push(request.url());
    });
    await page.goto(site.published.url(AMAZON), { waitUntil: "load" });
    const images = await page.locator("article picture img").evaluateAll((found) =>
      found.map((img) => ({
        width: img.getAttribute("width"),
        height: img.getAttribute("height"),
        loading: img.getAttribute("loading"),
        decoding: img.getAttribute("decoding"),
        top: img.getBoundingClientRect().top,
        alt: img.getAttribute("alt") ?? "",
      })),
    );
    expect(images).toHaveLength(4);
    for (const image of images) {
      expect(Number(image.width)).toBeGreaterThan(0);
      expect(Number(image.height)).toBeGreaterThan(0);
      expect(image.loading).toBe("lazy");
      expect(image.decoding).toBe("async");
      expect(image.alt.length).toBeGreaterThan(40);
    }
    // Chromium fetches a lazy image once it is within about 1250 to 2500 px of the viewport.
    const far = await page
      .locator("article picture img")
      .evaluateAll((found) =>
        found.map((img, index) => ({ index, top: img.getBoundingClientRect().top })).filter(({ top }) => top > window.innerHeight + 3000),
      );
    expect(far.length).toBeGreaterThanOrEqual(1);
    const last = page.locator("article picture img").nth(far.at(-1)!.index);
    const lastFile = (await last.getAttribute("src"))!
      .split("/")
      .pop()!
      .replace(/-\d+\.png$/, "");
    expect(requested.filter((url) => url.includes(lastFile))).toEqual([]);
    await last.scrollIntoViewIfNeeded();
    await expect
      .poll(() => last.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), { timeout: 20_000 })
      .toBe(true);
    expect(requested.filter((url) => url.includes(lastFile))).toHaveLength(1);
    // A modern format, at a width the column needs (46rem at 1x: the 800 px variant).
    expect(await last.evaluate((img) => (img as HTMLImageElement).currentSrc)).toMatch(/-800\.avif$/);
  });

  it("moves nothing while the reader scrolls through the page and the screenshots arrive (CLS while scrolling stays 0)", async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    // Each screenshot is held back until the reader has scrolled to it, so that it arrives in view:
    // an image without width and height would push the text below it down as it does.
    const held: Route[] = [];
    await page.route(
      (url) => isScreenshot(url.href),
      (route) => void held.push(route),
    );
    /** Lets the held requests for one screenshot (its variants share a name) go on. */
    const release = async (name: string) => {
      for (const route of held.filter((waiting) => waiting.request().url().includes(name))) {
        held.splice(held.indexOf(route), 1);
        await route.continue();
      }
    };
    await page.goto(site.published.url(AMAZON), { waitUntil: "domcontentloaded" });
    await page.evaluate(() => {
      // Shifts from the moment scrolling starts (`since`). Those before it come from the site's
      // scripts revealing their controls as the page loads, not from images.
      const shifts = { total: 0, moved: [] as string[], since: Number.POSITIVE_INFINITY };
      (window as unknown as { shifts: typeof shifts }).shifts = shifts;
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Array<{ node: Node | null }> };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Shift[]) {
          if (entry.hadRecentInput || entry.startTime < shifts.since) continue;
          shifts.total += entry.value;
          for (const source of entry.sources) {
            const node = source.node as Element | null;
            shifts.moved.push(node ? `${node.nodeName.toLowerCase()}${node.id ? `#${node.id}` : ""}.${node.className || ""}` : "?");
          }
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const count = await page.locator("article picture img").count();
    expect(count).toBe(4);
    await page.waitForLoadState("load");
    await page.evaluate(() => {
      (window as unknown as { shifts: { since: number } }).shifts.since = performance.now();
    });
    for (let i = 0; i < count; i++) {
      const img = page.locator("article picture img").nth(i);
      await img.evaluate((element) => element.scrollIntoView({ block: "center" }));
      const name = (await img.getAttribute("src"))!
        .split("/")
        .pop()!
        .replace(/-\d+\.png$/, "");
      await expect.poll(() => held.some((route) => route.request().url().includes(name)), { timeout: 20_000 }).toBe(true);
      await release(name);
      await expect
        .poll(() => img.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0), { timeout: 20_000 })
        .toBe(true);
      // Two frames: a shift is reported once the image is laid out.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const { total, moved } = await page.evaluate(() => (window as unknown as { shifts: { total: number; moved: string[] } }).shifts);
    expect({ total, moved }).toEqual({ total: 0, moved: [] });
    // On a phone screen at 2x, the 800 px AVIF.
    expect(
      await page
        .locator("article picture img")
        .first()
        .evaluate((img) => (img as HTMLImageElement).currentSrc),
    ).toMatch(/-800\.avif$/);
  });

  it("links each screenshot to its full-size original", async () => {
    const page = await open();
    await page.goto(site.published.url(AMAZON));
    const link = page.locator("article a.image-link").first();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/docs\/assets\/images\/aws-launch-instance-network\.png$/);
    const response = await page.request.get(new URL(href, page.url()).href);
    expect(response.headers()["content-type"]).toMatch(/image\/png/);
  });

  it("passes axe (WCAG 2.1 AA) with every screenshot loaded, light and dark", async () => {
    const page = await open();
    await page.goto(site.published.url(AMAZON));
    for (const img of await page.locator("article picture img").all()) await img.scrollIntoViewIfNeeded();
    await allLoaded(page);
    await page.evaluate(axeSource);
    const found: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const result = (await page.evaluate(
        (tags) =>
          (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe.run(document, {
            runOnly: { type: "tag", values: tags },
            resultTypes: ["violations"],
          }),
        WCAG_21_AA,
      )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
      found.push(
        ...result.violations.map((violation) => `${colorScheme}: ${violation.id} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`),
      );
    }
    expect(found).toEqual([]);
  });
});
