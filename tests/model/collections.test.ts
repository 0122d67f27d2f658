import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { collectionsOf } from "../../src/model/collections.ts";
import { readSite } from "../../src/model/read-site.ts";
import { type BuiltSite, buildFixtureSite, makeFixtureSite } from "../helpers/site.ts";

const page = (title: string, extra = "") => `---\ntitle: ${title}\n${extra}---\nBody.\n`;

describe("collections", () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  /** A site with a `dbs` collection (the folder content/dbs/) and the given files. */
  async function site(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), "collections-"));
    roots.push(root);
    for (const [relative, text] of Object.entries({ "_data/site.yml": "title: T\ncollections:\n  dbs: dbs\n", ...files })) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), text);
    }
    return root;
  }

  it("list pages in path order with their Jekyll URLs", async () => {
    const root = await site({
      "content/dbs/b.md": page("B", "permalink: /databases/b\n"),
      "content/dbs/a/index.md": page("A"),
      "content/dbs/notes.txt": "not a page",
      "content/other.md": page("Not in the collection"),
    });
    const { dbs } = collectionsOf(readSite(root));
    expect(dbs!.map((doc) => [doc.title, doc.url, doc.collection])).toEqual([
      ["A", "/dbs/a/", "dbs"],
      ["B", "/databases/b", "dbs"],
    ]);
  });

  it("are the pages as the site was read, once: no file is read again for them", async () => {
    const root = await site({ "content/dbs/a.md": page("First") });
    const model = readSite(root);
    await writeFile(path.join(root, "content/dbs/a.md"), page("Changed on disk"));
    expect(collectionsOf(model).dbs!.map((doc) => doc.title)).toEqual(["First"]);
    expect(collectionsOf(readSite(root)).dbs!.map((doc) => doc.title)).toEqual(["Changed on disk"]);
  });
});

describe("site.<collection> in a build", () => {
  let site: BuiltSite | undefined;
  afterEach(async () => {
    await site?.cleanup();
    site = undefined;
  });

  it("lists a new SSH-capable integration in the tutorial's connection guides", async () => {
    const root = await makeFixtureSite({
      files: {
        "content/integrations/databases/zz-bench-db.md": page("Zeta DB", "layout: page\npermalink: /integrations/databases/zeta\nssh: true\namazon: false\n"),
      },
    });
    site = await buildFixtureSite(root);
    const $ = await site.page("/docs/common/databases/setting-up-ssh-tunnel-for-database-connection");
    const links = $("#ssh-guides-integrations-generic a")
      .map((_, a) => [[$(a).text(), $(a).attr("href")]])
      .get();
    expect(links).toContainEqual(["Zeta DB", "/docs/integrations/databases/zeta"]);
    // Sorted by title, so the new page comes last among the generic guides.
    expect(links.at(-1)).toEqual(["Zeta DB", "/docs/integrations/databases/zeta"]);
  });
});
