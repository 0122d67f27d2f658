import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
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
