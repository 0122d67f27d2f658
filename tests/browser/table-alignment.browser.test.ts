import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../helpers/browser.ts";
import { type PublishedSite, publishFixtureSite } from "../helpers/published-site.ts";

// An aligned markdown table under the pages' own Content-Security-Policy, which ignores inline
// styles: the columns must still be aligned as the author asked.
describeInBrowser("aligned table columns in Chromium", () => {
  let published: PublishedSite;
  let browser: Browser;
  beforeAll(async () => {
    const table = "| Left | Centre | Right |\n| :--- | :----: | ----: |\n| a | b | 1,024 |\n";
    [published, browser] = await Promise.all([
      publishFixtureSite({ files: { "content/common/table.md": `---\ntitle: A table\nlayout: page\n---\n${table}` } }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await published?.close();
  });

  it("are aligned as the markdown says, with no style the page's policy refused", async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") refused.push(message.text());
    });
    await page.goto(published.url("/common/table"));
    const alignments = await page.locator("article td").evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell).textAlign));
    expect(alignments).toEqual(["left", "center", "right"]);
    expect(refused).toEqual([]);
    await page.close();
  });
});
