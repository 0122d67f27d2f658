import { readdirSync, statSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFinding } from "../../src/checks/finding.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { writeSite } from "../helpers/jekyll.ts";
import { type BuiltSite, buildFixtureSite, makeFixtureSite, renderFixtureSite } from "../helpers/site.ts";

// Site images as readers get them (src/publish/images.ts): a build of a fixture site with one
// screenshot, shown by a markdown image and an <img>, on two pages.

/**
 * A 1600x100 PNG with some detail (so that each format encodes something), made here, with one
 * colour drawn at random: an image no earlier run has put into the shared cache.
 */
async function screenshot(): Promise<Buffer> {
  const unique = Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, "0");
  const stripes = Array.from(
    { length: 16 },
    (_, i) => `<rect x="${i * 100}" width="50" height="100" fill="#${i === 0 ? unique : `${(i * 9).toString(16).padStart(2, "0")}3366`}"/>`,
  );
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="100">${stripes.join("")}</svg>`))
    .png()
    .toBuffer();
}

const PAGE = [
  "---",
  "title: Screens",
  "permalink: /common/screens",
  "layout: page",
  "---",
  "The form:",
  "",
  "![The console form, with the SSH port field set to 22]({{ site.baseurl }}/assets/images/shot.png)",
  "",
  '<img src="{{ site.baseurl }}/assets/images/shot.png" alt="The same form" class="wide" title="a &quot;quoted&quot; title">',
  "",
  '<img src="https://images.example.com/remote.png" alt="A remote image">',
  "",
  '<img src="{{ site.baseurl }}/assets/images/shot.png" alt="" role="presentation" class="decoration">',
  "",
].join("\n");

const OTHER_PAGE = [
  "---",
  "title: More screens",
  "permalink: /common/more-screens",
  "layout: page",
  "---",
  "![The form again]({{ site.baseurl }}/assets/images/shot.png)",
  "",
].join("\n");

/** The cache's entries holding variants named `prefix*`, each file with its modification time. */
function entriesOf(cache: string, prefix: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const entry of readdirSync(cache)) {
    const files = readdirSync(path.join(cache, entry));
    if (!files.some((file) => file.startsWith(prefix))) continue;
    for (const file of files) found[`${entry}/${file}`] = statSync(path.join(cache, entry, file)).mtimeMs;
  }
  return found;
}

/** Removes what a test put into the shared cache (the fixture's image, new to it). */
async function removeEntriesOf(cache: string, prefix: string): Promise<void> {
  for (const entry of new Set(Object.keys(entriesOf(cache, prefix)).map((file) => path.dirname(file))))
    await rm(path.join(cache, entry), { recursive: true, force: true });
}

describe("site images", () => {
  let site: BuiltSite;
  let root: string;
  let shotPrefix: string | undefined;

  beforeAll(async () => {
    // The image cache is the project's, which fixtures share (the site's own screenshots come
    // from it); the fixture's image is new to it.
    root = await makeFixtureSite({
      files: { "content/assets/images/shot.png": await screenshot(), "content/common/screens.md": PAGE, "content/common/more-screens.md": OTHER_PAGE },
    });
    site = await buildFixtureSite(root);
    // The variants' names: shot-<hash of its bytes>-<width>.<format>.
    shotPrefix = /\/(shot-.+)-400\.avif /.exec((await site.page("/docs/common/screens"))("picture source").attr("srcset") ?? "")?.[1];
  });
  afterAll(async () => {
    if (shotPrefix) await removeEntriesOf(path.join(root, ".cache/images"), shotPrefix);
    await site?.cleanup();
  });

  it("serve a markdown image as AVIF, WebP and PNG in three widths, sized, lazy, linked to the original", async () => {
    const $ = await site.page("/docs/common/screens");
    const link = $("a.image-link").first();
    expect(link.attr("href")).toBe("/docs/assets/images/shot.png");
    expect(site.fileFor("/docs/assets/images/shot.png")).toBeDefined();
    const sources = link.find("picture > source");
    expect(sources.map((_, source) => $(source).attr("type")).get()).toEqual(["image/avif", "image/webp"]);
    const img = link.find("picture > img");
    expect(img.attr("alt")).toBe("The console form, with the SSH port field set to 22");
    expect(img.attr("loading")).toBe("lazy");
    expect(img.attr("decoding")).toBe("async");
    // The largest variant's size: 1200 wide, the original's aspect ratio (1600x100).
    expect([img.attr("width"), img.attr("height")]).toEqual(["1200", "75"]);
    expect(img.attr("sizes")).toMatch(/100vw/);

    const variants = [...sources.get(), img.get(0)!].map((element) => $(element).attr("srcset")!.split(", "));
    const expectedFormats = ["heif", "webp", "png"];
    for (const [i, srcset] of variants.entries()) {
      expect(srcset.map((candidate) => candidate.split(" ")[1])).toEqual(["400w", "800w", "1200w"]);
      for (const candidate of srcset) {
        const [url, width] = candidate.split(" ");
        const file = site.fileFor(url!);
        expect(file, url).toBeDefined();
        const metadata = await sharp(path.join(site.outputDir, file!)).metadata();
        expect(metadata.format).toBe(expectedFormats[i]);
        expect(`${metadata.width}w`).toBe(width);
      }
    }
    expect(site.fileFor(img.attr("src")!)).toBeDefined();
  });

  it("serve an <img> of the site the same way, keeping its attributes (escaped) and encoding the image once", async () => {
    const $ = await site.page("/docs/common/screens");
    const img = $("a.image-link picture img.wide");
    expect(img.attr("alt")).toBe("The same form");
    expect(img.attr("title")).toBe('a "quoted" title');
    expect(Object.keys(img.attr() ?? {}).sort()).toEqual(["alt", "class", "decoding", "height", "loading", "sizes", "src", "srcset", "title", "width"]);
    const other = await site.page("/docs/common/more-screens");
    expect(other("picture img").attr("srcset")).toBe($("picture img").first().attr("srcset"));
    const built = readdirSync(path.join(site.outputDir, "docs/assets/images")).filter((name) => name.startsWith("shot-"));
    expect(built).toHaveLength(9);
  });

  it("link no decorative image (a link without a name is one a screen reader can only call 'link')", async () => {
    const $ = await site.page("/docs/common/screens");
    const decoration = $("img.decoration");
    expect(decoration.closest("picture")).toHaveLength(1);
    expect(decoration.closest("a")).toHaveLength(0);
    expect($("a.image-link")).toHaveLength(2);
  });

  it("leave a remote image alone", async () => {
    const $ = await site.page("/docs/common/screens");
    const remote = $('img[src="https://images.example.com/remote.png"]');
    expect(remote).toHaveLength(1);
    expect(remote.closest("picture")).toHaveLength(0);
  });

  it("are not encoded again by the next build: the cache in .cache/images is reused as it is", async () => {
    const cache = path.join(root, ".cache/images");
    // The first build encoded the fixture's image (the site's screenshots may have come from the cache).
    expect(site.result?.images?.encoded).toBeGreaterThanOrEqual(1);
    expect(shotPrefix).toBeDefined();
    const before = entriesOf(cache, shotPrefix!);
    expect(Object.keys(before).filter((file) => file.endsWith(".avif"))).toHaveLength(3);
    expect(Object.keys(before).filter((file) => file.endsWith("metadata.json"))).toHaveLength(1);
    const again = await runPipeline({ root, publish: true });
    expect(again.published).toBe(true);
    // The fixture's image and the Amazon tutorial's four screenshots, none encoded.
    expect(again.images).toEqual({ processed: 5, encoded: 0, unreadable: [] });
    expect(entriesOf(cache, shotPrefix!)).toEqual(before);
    const $ = await site.page("/docs/common/screens");
    expect(site.fileFor($("picture source").first().attr("srcset")!.split(" ")[0]!)).toBeDefined();
  });
});

describe("image findings", () => {
  it("warn at its line about an image without alt text, and report a missing image at its line", async () => {
    const page = [
      "---",
      "title: Screens",
      "permalink: /common/screens",
      "layout: page",
      "---",
      "Intro.",
      "",
      "![]({{ site.baseurl }}/assets/images/shot.png)",
      "",
      "![A missing screenshot]({{ site.baseurl }}/assets/images/nope.png)",
      "",
      '<img src="{{ site.baseurl }}/assets/images/shot.png" alt="" role="presentation">',
      "",
    ].join("\n");
    const root = await makeFixtureSite({ files: { "content/assets/images/shot.png": await screenshot(), "content/common/screens.md": page } });
    const { findings, cleanup } = await renderFixtureSite(root);
    try {
      const onPage = findings.filter((finding) => finding.file === "content/common/screens.md").map(formatFinding);
      expect(onPage).toEqual([
        expect.stringMatching(/^content\/common\/screens\.md:8:\d+: warning: image "\/docs\/assets\/images\/shot\.png" has no alt text/),
        expect.stringMatching(/^content\/common\/screens\.md:10:\d+: error: image "\/docs\/assets\/images\/nope\.png" does not exist/),
      ]);
    } finally {
      await removeEntriesOf(path.join(root, ".cache/images"), "shot-");
      await cleanup();
    }
  });
});

describe("a site image that is not an image", () => {
  const broken = "not a PNG at all\n";

  it("is an error at its file in this repository's site, which is not published", async () => {
    const root = await makeFixtureSite({
      files: { "content/assets/images/broken.png": broken, "content/common/screens.md": PAGE.replaceAll("shot.png", "broken.png") },
    });
    try {
      const result = await runPipeline({ root, publish: true });
      expect(result.published).toBe(false);
      const found = result.findings.filter((item) => item.file.endsWith("broken.png"));
      expect(found.map((item) => [item.file, item.line, item.severity])).toEqual([["content/assets/images/broken.png", 1, "error"]]);
      expect(found[0]!.message).toMatch(/^this file is not an image the build can read \(.+\): pages show it as a broken image/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("is a warning in a Jekyll site, which is built with the <img> as written and the file as it is", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Shots\n",
        "_layouts/default.html": "<main>{{ content }}</main>\n",
        "assets/shot.png": broken,
        "index.md": "---\nlayout: default\n---\n![A shot](/assets/shot.png)\n",
      },
      "jekyll-broken-image-",
    );
    try {
      const result = await runPipeline({ root, publish: true });
      expect(result.published).toBe(true);
      expect(result.findings.filter((item) => item.check === "images").map((item) => [item.file, item.severity])).toEqual([["assets/shot.png", "warning"]]);
      const html = await readFile(path.join(root, "_site/index.html"), "utf8");
      expect(html).toContain('<img src="/assets/shot.png" alt="A shot">');
      expect(await readFile(path.join(root, "_site/assets/shot.png"), "utf8")).toBe(broken);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
