import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildFixtureSite, makeFixtureSite, SEED_FILE } from "../helpers/site.ts";

const SEED_CONTENT = "content/common/databases/setting-up-ssh-tunnel-for-database-connection.md";
let site: BuiltSite;

beforeAll(async () => {
  const root = await makeFixtureSite();
  // The author's file exactly as the original site had it, mojibake and all.
  await cp(SEED_FILE, path.join(root, SEED_CONTENT));
  site = await buildFixtureSite(root);
});
afterAll(() => site?.cleanup());

describe("the verbatim seed file", () => {
  it("is copied byte for byte", async () => {
    expect(await readFile(path.join(site.root, SEED_CONTENT))).toEqual(await readFile(SEED_FILE));
  });

  it("builds without any edit into the full tutorial", async () => {
    const $ = await site.page("/docs/common/databases/setting-up-ssh-tunnel-for-database-connection");
    expect($("h1").text()).toBe("Setting up an SSH Tunnel for a database connection");
    expect(
      $("article h2[id]")
        .map((_, h) => $(h).attr("id"))
        .get(),
    ).toEqual([
      "prerequisites",
      "configure-ssh-server-stitch-access",
      "configure-database-allow-ssh-server-traffic",
      "retrieve-your-public-key",
      "create-stitch-ssh-user",
      "complete-the-setup-for-stitch",
    ]);
    expect($("#configure-ssh-server-stitch-access").parent().find("li").first().text().trim()).toBe("52.23.137.21/32");
    expect($("#complete-the-setup-for-stitch").parent().find("details li a").length).toBe(10);
  });
});
