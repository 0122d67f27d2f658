import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../src/dev/dev-server.ts";
import { TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "../checks/fixture-tutorial.ts";
import { describeInBrowser, launchBrowser } from "../helpers/browser.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/**
 * Live reload as an author sees it in Chromium: a page open on `npm start` changes by itself when
 * its source is saved, under the page's own Content-Security-Policy (an inline script would be
 * blocked), and so do the error page and the 404 page. Each test has its own site and server.
 */

let browser: Browser;
let root: string;
let server: DevServer | undefined;
let context: BrowserContext | undefined;
/**
 * CSP violations and console errors of the test's pages. Failed loads are left out: the 404 page
 * and a stopped server cause them on purpose, and a reload client that does not load shows as a
 * page that does not change.
 */
let problems: string[] = [];

/** For what the server does on a save (a full build): seconds on a busy machine. */
const BUILD = { timeout: 60_000 };

async function save(file: string, text: string): Promise<void> {
  const temporary = path.join(root, `.saving-${path.basename(file)}`);
  await writeFile(temporary, text);
  await rename(temporary, file);
}

async function open(url: string): Promise<Page> {
  context = await browser.newContext();
  await context.exposeFunction("reportCspViolation", (text: string) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

/** Resolves once the page's text contains `text`, however many times it reloaded on the way. */
function showing(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction((wanted) => document.body?.textContent?.includes(wanted) ?? false, text, { polling: 100, ...BUILD });
}

describeInBrowser("npm start's live reload in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    root = await makeFixtureSite({ files: { [TUTORIAL_FILE]: tutorialText() } });
    server = await startDevServer({ root, log: () => {} });
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await server?.close();
    server = undefined;
    await rm(root, { recursive: true, force: true });
    const seen = problems;
    problems = [];
    expect(seen).toEqual([]);
  });

  const file = () => path.join(root, TUTORIAL_FILE);
  const pageUrl = () => `${server!.url}/docs${TUTORIAL_URL}`;

  it("an open tutorial shows a saved edit by itself, with no CSP violation", async () => {
    const page = await open(pageUrl());
    expect(await page.locator("h1").textContent()).toBe("Checking fixture");
    await save(file(), (await readFile(file(), "utf8")).replace("      Done.", "      Done, and saved while open."));
    await showing(page, "Done, and saved while open.");
  });

  it("a broken save turns the open page into the error page by itself, and the fix turns it back", async () => {
    const page = await open(pageUrl());
    const good = await readFile(file(), "utf8");
    await save(file(), good.replace("      Done.", "      {{ no_such_variable }} Done."));
    await showing(page, "Build failed: 1 error");
    await save(file(), good.replace("      Done.", "      Done, and fixed."));
    await showing(page, "Done, and fixed.");
  });

  it("the 404 page of a page not yet written shows the page once it is built", async () => {
    const page = await open(`${server!.url}/docs/common/databases/written-later`);
    expect(await page.locator("body").textContent()).toContain("Nothing is built at");
    const later = tutorialText((lines) => {
      lines[1] = "title: Written later";
      lines[2] = "permalink: /common/databases/written-later";
    });
    await save(path.join(root, "content/common/databases/written-later.md"), later);
    await showing(page, "Written later");
  });

  it("an open page reconnects to a restarted server and shows what it built meanwhile", async () => {
    const page = await open(pageUrl());
    const port = new URL(server!.url).port;
    await server!.close();
    await save(file(), (await readFile(file(), "utf8")).replace("      Done.", "      Done, while the server was down."));
    server = await startDevServer({ root, port: Number(port), log: () => {} });
    await showing(page, "Done, while the server was down.");
  });
});
