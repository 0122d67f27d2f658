import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, describe, expect, it } from "vitest";
import { createTutorial, NewTutorialError } from "../../src/authoring/new-tutorial.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe("npm run new", () => {
  it("creates a tutorial skeleton at a permalink from the title, which builds with no errors (its placeholder sentences are warnings)", async () => {
    const root = await makeFixtureSite();
    roots.push(root);
    const created = await createTutorial({ root, title: "Setting up an SSH tunnel for Snowflake's proxy" });
    expect(created).toEqual({
      file: "content/common/databases/setting-up-an-ssh-tunnel-for-snowflakes-proxy.md",
      url: "/common/databases/setting-up-an-ssh-tunnel-for-snowflakes-proxy",
      address: expect.stringMatching(/^https?:\/\/[^/]+\/docs\/common\/databases\/setting-up-an-ssh-tunnel-for-snowflakes-proxy$/),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.errors).toBe(0);
    expect(result.findings.map((found) => `${found.severity} ${found.check}`)).toEqual(Array(5).fill("warning placeholder"));
    expect(result.published).toBe(true);

    const $ = cheerio.load(await readFile(path.join(root, "_site/docs", `${created.url}.html`), "utf8"));
    expect($("h1").text()).toBe("Setting up an SSH tunnel for Snowflake's proxy");
    expect($(".tutorial-intro").text().trim().length).toBeGreaterThan(0);
    expect($("#prerequisites + ul > li")).toHaveLength(2);
    const stepIds = $("h2[id]")
      .map((_, h) => $(h).attr("id"))
      .get();
    expect(stepIds).toEqual(["prerequisites", "prepare-the-server", "connect-stitch"]);
  });

  it("refuses to overwrite a file or take a permalink that exists", async () => {
    const root = await makeFixtureSite();
    roots.push(root);
    const first = await createTutorial({ root, title: "A new guide", folder: "common/guides" });
    await writeFile(path.join(root, first.file), "---\ntitle: Edited by its author\n---\n");
    await expect(createTutorial({ root, title: "A new guide", folder: "common/guides" })).rejects.toThrow(NewTutorialError);
    expect(await readFile(path.join(root, first.file), "utf8")).toBe("---\ntitle: Edited by its author\n---\n");
    // A permalink that a page at another path already has.
    await writeFile(path.join(root, "content/common/elsewhere.md"), "---\ntitle: Elsewhere\nlayout: page\npermalink: /common/guides/taken-guide\n---\nText.\n");
    await expect(createTutorial({ root, title: "Taken guide", folder: "common/guides" })).rejects.toThrow(
      /permalink \/common\/guides\/taken-guide is already the URL of content\/common\/elsewhere.md/,
    );
    await expect(createTutorial({ root, title: "   " })).rejects.toThrow(/title/);
  });
});
