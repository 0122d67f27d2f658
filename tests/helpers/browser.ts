import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type PublishedSite, publishFixtureSite } from "./published-site.ts";
import { describeNeeding, missingOf } from "./system.ts";

/** Debian's Chromium (never a downloaded browser), headless, with nothing phoning home. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/**
 * `describe` for a suite that drives Debian's Chromium: outside CI it is skipped, naming the
 * missing package, on a machine without it; in CI it must run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  describeNeeding(name, missingOf([[`${CHROMIUM_PATH} (Debian package chromium)`, existsSync(CHROMIUM_PATH)]]), body);
}

/** The fixture site built and served, and Chromium; both set up before a suite and closed after. */
export interface SiteInBrowser {
  readonly published: PublishedSite;
  readonly browser: Browser;
}

/** Call inside a suite: registers its beforeAll/afterAll; read the fields inside tests. */
export function useSiteInBrowser(): SiteInBrowser {
  const fixture = {} as { published: PublishedSite; browser: Browser };
  beforeAll(async () => {
    [fixture.published, fixture.browser] = await Promise.all([publishFixtureSite(), launchBrowser()]);
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.published?.close();
  });
  return fixture;
}

/**
 * Call inside a suite using useSiteInBrowser: `open` loads a page of the site (or any URL) in a
 * fresh context, and after each test asserts that its pages logged no console error and threw
 * nothing (a CSP violation is one); the context is closed. `bareContext` is a context whose
 * errors are not collected, for a page expected to log one (a 404).
 */
export function usePagesInBrowser(site: SiteInBrowser) {
  let context: BrowserContext | undefined;
  let errors: string[] = [];
  afterEach(async () => {
    await context?.close();
    context = undefined;
    const seen = errors;
    errors = [];
    expect(seen).toEqual([]);
  });
  return {
    async open(url: string, options: BrowserContextOptions = {}): Promise<Page> {
      context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url.startsWith("http") ? url : site.published.url(url));
      return page;
    },
    async bareContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
      context = await site.browser.newContext(options);
      return context;
    },
  };
}
