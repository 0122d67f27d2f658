import { mkdtemp, mkdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FrontMatterSource, loadFolderCollections } from "../../src/model/collections.ts";
import { buildFixtureSite, makeFixtureSite, type BuiltSite } from "../helpers/site.ts";

const page = (title: string, extra = "") => `---\ntitle: ${title}\n${extra}---\nBody.\n`;

describe("collection pages' front matter", () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  async function folder(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), "collections-"));
    roots.push(root);
    for (const [relative, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), text);
    }
    return root;
  }

  it("lists pages in path order with their Jekyll URLs", async () => {
    const root = await folder({
      "dbs/b.md": page("B", "permalink: /databases/b\n"),
      "dbs/a/index.md": page("A"),
      "dbs/notes.txt": "not a page",
    });
    const { dbs } = loadFolderCollections(root, { dbs: "dbs" });
    expect(dbs!.map((doc) => [doc.title, doc.url, doc.collection])).toEqual([
      ["A", "/dbs/a/", "dbs"],
      ["B", "/databases/b", "dbs"],
    ]);
  });

  it("reads a file again once it changed, and not before", async () => {
    const root = await folder({ "dbs/a.md": page("First") });
    const file = path.join(root, "dbs/a.md");
    const source = new FrontMatterSource();
    const first = source.of(file);
    expect(first?.title).toBe("First");
    expect(source.of(file)).toBe(first);

    await writeFile(file, page("Second title"));
    const { mtime } = await stat(file);
    await utimes(file, mtime, new Date(mtime.getTime() + 2000));
    expect(source.of(file)?.title).toBe("Second title");
  });

  it("takes the front matter Eleventy parsed for this build over the file", async () => {
    const root = await folder({ "dbs/a.md": page("On disk") });
    const file = path.join(root, "dbs/a.md");
    const source = new FrontMatterSource();
    source.useParsed(new Map([[file, { title: "From Eleventy" }]]));
    expect(source.of(file)?.title).toBe("From Eleventy");
    source.useParsed(new Map());
    expect(source.of(file)?.title).toBe("On disk");
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
        "content/integrations/databases/zz-bench-db.md": page("Zeta DB", "permalink: /integrations/databases/zeta\nssh: true\namazon: false\n"),
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
