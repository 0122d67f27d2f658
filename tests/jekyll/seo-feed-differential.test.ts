import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import type { Element } from "domhandler";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatFinding } from "../../src/checks/finding.ts";
import { SEO_GENERATOR } from "../../src/jekyll/tags/seo.ts";
import { listFiles } from "../../src/model/files.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { buildWithJekyll, JEKYLL, jekyllInstalled, jekyllPluginInstalled, writeSite } from "../helpers/jekyll.ts";
import { describeNeeding } from "../helpers/system.ts";

/**
 * jekyll-seo-tag's `{% seo %}` and jekyll-feed's feed and `{% feed_meta %}` against the plugins
 * themselves (Debian's ruby-jekyll-seo-tag 2.8 and ruby-jekyll-feed 0.17 in Jekyll 4.3). For
 * the seo tag, a site with a base URL and a host, a home page, an about page with a description
 * holding quotes and markup, a page without a title, pages with an image (a path, a hash with
 * sizes and alt), a canonical URL and `seo:` keys of their own, posts with an author (a name
 * found in `site.data.authors`, a hash), a collection document (whose description is its
 * excerpt, whose date is the build's start), `{% seo title=false %}`. Per page: the `<title>`,
 * every meta (name or property to content; the generator is this generator's, by intent),
 * the canonical link, the JSON-LD parsed; and the tag's output as text. For the feed: its
 * title, subtitle, id, links and author, and per entry its title, link, id, dates, author,
 * categories, summary and content (as text: block boundaries are markdown's whitespace).
 */

const DEFAULT_LAYOUT = "<!doctype html>\n<html>\n<head>\n{%- seo -%}\n{%- feed_meta -%}\n</head>\n<body><main>{{ content }}</main></body>\n</html>\n";
const UNTITLED_LAYOUT =
  "<!doctype html>\n<html>\n<head>\n<title>Own title</title>\n{% seo title=false %}\n</head>\n<body><main>{{ content }}</main></body>\n</html>\n";

const FILES: Record<string, string> = {
  "_config.yml": [
    'title: Seo & "Docs"',
    "description: About things, with *emphasis* & more",
    "url: https://docs.example.test",
    "baseurl: /docs",
    "author: Site Author",
    "twitter:",
    '  username: "@seodocs"',
    "social:",
    "  name: Seo Org",
    "  links:",
    "    - https://github.com/seo-org",
    "logo: /assets/logo.png",
    "lang: en-GB",
    "facebook:",
    "  admins: fbadmin",
    "  app_id: 1234",
    "webmaster_verifications:",
    "  google: google-code",
    "  bing: bing-code",
    "feed:",
    "  posts_limit: 2",
    "collections:",
    "  guides:",
    "    output: true",
    "plugins:",
    "  - jekyll-seo-tag",
    "  - jekyll-feed",
    "",
  ].join("\n"),
  "_layouts/default.html": DEFAULT_LAYOUT,
  "_layouts/untitled.html": UNTITLED_LAYOUT,
  "_data/authors.yml": 'jane:\n  name: Jane Doe\n  twitter: "@janedoe"\n  url: https://jane.example.test/\n',
  "index.md": "---\nlayout: default\ntitle: Home\n---\nWelcome home.\n",
  "about.md": '---\nlayout: default\ntitle: About "us" & them\ndescription: "Who we\'re, and <why>"\n---\nAbout text.\n',
  "plain.md": "---\nlayout: default\n---\nA page without a title.\n",
  "untitled.md":
    '---\nlayout: untitled\ntitle: Untitled layout\nlang: de-DE\nimage:\n  path: /assets/wide.png\n  height: 630\n  width: 1200\n  alt: A wide "image"\n---\nText.\n',
  "elsewhere.md":
    "---\nlayout: default\ntitle: Elsewhere\ncanonical_url: https://elsewhere.example.test/page\nseo:\n  type: CreativeWork\n  name: Elsewhere Name\n---\nCanonical elsewhere.\n",
  "_posts/2024-03-05-hello.md":
    "---\nlayout: default\ntitle: Hello world\nauthor: jane\nimage: /assets/hello world.png\n---\nThe first paragraph, the *excerpt* & more.\n\nThe second paragraph.\n",
  "_posts/2024-04-01-second.md":
    "---\nlayout: default\ntitle: Second post\ndate: 2024-04-01 10:30:00 +0200\nauthor:\n  name: Org Name\n  type: Organization\n  twitter: orgtw\nimage: https://cdn.example.test/second.png\ndescription: The second post.\ncategories: [news]\n---\nSecond body.\n",
  "_posts/2024-02-01-oldest.md": "---\nlayout: default\ntitle: The oldest, left out of the feed\n---\nOld.\n",
  "_posts/2024-04-20-tagged.md":
    "---\nlayout: default\ntitle: \"Tagged: it's 'quoted' -- and <b>bold</b>\"\nauthors: [jane, someone]\ntags: [how-to, ops]\nlast_modified_at: 2024-05-01 12:00:00 +0000\ntwitter:\n  card: summary\nimage:\n  path: /assets/tagged.png\n---\nTagged body with a [link](/docs/about.html).\n",
  "_guides/setup.md": "---\nlayout: default\ntitle: Setup guide\n---\nSet things up with *care*.\n\nMore setup.\n",
};

/** An ISO time within the last hour: a document's date that is the build's start, which differs between the builds. */
const BUILD_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/g;
const startedAt = Date.now();
const withoutBuildTimes = (text: string) => text.replace(BUILD_TIME, (time) => (Math.abs(Date.parse(time) - startedAt) < 3_600_000 ? "(build start)" : time));

interface SeoHead {
  title: string[];
  metas: Record<string, string>;
  canonical: string | undefined;
  /** `{% feed_meta %}`'s link, as markup. */
  feedLink: string;
  jsonLd: unknown;
  /** The tag's output, from its opening comment to its closing one, the generator meta left out. */
  text: string;
}

function seoHeadOf(html: string): SeoHead {
  const $ = cheerio.load(withoutBuildTimes(html));
  const metas: Record<string, string> = {};
  for (const meta of $("head meta").toArray()) {
    const key = $(meta).attr("name") ?? $(meta).attr("property");
    if (key !== undefined && key !== "generator") metas[key] = $(meta).attr("content") ?? "";
  }
  const script = $('head script[type="application/ld+json"]').text();
  const start = html.indexOf("<!-- Begin Jekyll SEO tag");
  const end = html.indexOf("<!-- End Jekyll SEO tag -->");
  return {
    title: $("head title")
      .toArray()
      .map((title) => $(title).text()),
    metas,
    canonical: $('head link[rel="canonical"]').attr("href"),
    feedLink: $('head link[type="application/atom+xml"]').toString(),
    jsonLd: script === "" ? undefined : JSON.parse(script),
    text: withoutBuildTimes(html.slice(start, end).replace(/<meta name="generator" content="[^"]*" \/>\n/, "")),
  };
}

const missing = [
  ...(jekyllInstalled() ? [] : [`Jekyll 4.3 (${JEKYLL})`]),
  ...(jekyllPluginInstalled("jekyll-seo-tag") ? [] : ["jekyll-seo-tag (Debian's ruby-jekyll-seo-tag)"]),
  ...(jekyllPluginInstalled("jekyll-feed") ? [] : ["jekyll-feed (Debian's ruby-jekyll-feed)"]),
];

describeNeeding("{% seo %} and the feed are what jekyll-seo-tag and jekyll-feed write", missing, () => {
  let source: string;
  let jekyll: string;
  let ours: string;
  beforeAll(async () => {
    source = await writeSite(FILES, "jekyll-seo-");
    jekyll = await buildWithJekyll(source);
    const result = await runPipeline({ root: source, publish: true });
    const errors = result.findings.filter((found) => found.severity === "error");
    if (!result.published) throw new Error(`the site did not build:\n${errors.map(formatFinding).join("\n")}`);
    ours = path.join(source, "_site", "docs");
  }, 120_000);
  afterAll(async () => {
    await rm(source, { recursive: true, force: true });
    await rm(jekyll, { recursive: true, force: true });
  });

  it("on every page Jekyll writes: the title, the metas, the canonical link, the JSON-LD, the text", async () => {
    const pages = (await listFiles(jekyll)).filter((file) => file.endsWith(".html")).sort();
    expect(pages).toHaveLength(10);
    for (const file of pages) {
      const theirs = await readFile(path.join(jekyll, file), "utf8");
      const mine = await readFile(path.join(ours, file), "utf8");
      expect(seoHeadOf(mine), file).toEqual(seoHeadOf(theirs));
      expect(cheerio.load(mine)('meta[name="generator"]').attr("content"), file).toBe(SEO_GENERATOR);
    }
  });
});

const text = (value: string) => value.replace(/\s+/g, " ").trim();

/** What a feed says, as a reader reads it (content and summary as text). */
function feedOf(xml: string) {
  const $ = cheerio.load(withoutBuildTimes(xml), { xmlMode: true });
  const feed = $("feed");
  const child = (parent: cheerio.Cheerio<Element>, name: string) => parent.children(name).first().text();
  const asHtmlText = (html: string) => text(cheerio.load(html).root().text());
  return {
    title: child(feed, "title"),
    subtitle: child(feed, "subtitle"),
    id: child(feed, "id"),
    updated: child(feed, "updated"),
    author: feed.children("author").children("name").text(),
    links: feed
      .children("link")
      .toArray()
      .map((link) => ({ href: $(link).attr("href"), rel: $(link).attr("rel"), type: $(link).attr("type") })),
    entries: feed
      .children("entry")
      .toArray()
      .map((element) => {
        const entry = $(element);
        const link = entry.children("link").first();
        return {
          title: child(entry, "title"),
          link: { href: link.attr("href"), title: link.attr("title") },
          id: child(entry, "id"),
          published: child(entry, "published"),
          updated: child(entry, "updated"),
          author: entry.children("author").children("name").text(),
          categories: entry
            .children("category")
            .toArray()
            .map((category) => $(category).attr("term")),
          summary: text(child(entry, "summary")),
          content: asHtmlText(child(entry, "content")),
          contentBase: entry.children("content").attr("xml:base"),
        };
      }),
  };
}

describeNeeding("the feed is jekyll-feed's", missing, () => {
  let source: string;
  let jekyll: string;
  let ours: string;
  beforeAll(async () => {
    source = await writeSite(FILES, "jekyll-feed-");
    jekyll = await buildWithJekyll(source);
    const result = await runPipeline({ root: source, publish: true });
    if (!result.published) throw new Error("the site did not build");
    ours = path.join(source, "_site", "docs");
  }, 120_000);
  afterAll(async () => {
    await rm(source, { recursive: true, force: true });
    await rm(jekyll, { recursive: true, force: true });
  });

  it("has the plugin's title, id, links and author, and its entries: the newest posts first", async () => {
    const theirs = feedOf(await readFile(path.join(jekyll, "feed.xml"), "utf8"));
    expect(theirs.entries.map((entry) => entry.id)).toEqual([
      "https://docs.example.test/docs/2024/04/20/tagged",
      "https://docs.example.test/docs/news/2024/04/01/second",
    ]);
    expect(feedOf(await readFile(path.join(ours, "feed.xml"), "utf8"))).toEqual(theirs);
  });
});
