import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { readSite } from "../../src/model/read-site.ts";
import { JEKYLL_DEFAULT_LIQUID, STRICT_LIQUID } from "../../src/model/settings.ts";
import { siteDirectoriesFor } from "../../src/model/theme.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { runCli } from "../helpers/cli.ts";
import { writeSite } from "../helpers/jekyll.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/**
 * A Jekyll site tree built with `--source`, where no Jekyll build can be compared (the built-in
 * theme, what this generator reports, the settings it reads): through the pipeline and the CLI.
 */

const LAYOUT = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>\n`;
const page = (frontMatter: string, body: string) => `---\n${frontMatter}---\n${body}`;

describe("a Jekyll site tree", () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });
  const site = async (files: Record<string, string>) => {
    const root = await writeSite(files, "jekyll-site-");
    roots.push(root);
    return root;
  };
  const built = async (root: string, file: string) => cheerio.load(await readFile(path.join(root, "_site", file), "utf8"));

  it("uses the built-in theme's layouts where it has none of its own, and its own includes over the theme's", async () => {
    const root = await site({
      "_config.yml": "title: Themed\nbaseurl: /kb\ndescription: A site with no layouts\n",
      "index.md": page("layout: page\ntitle: Home\n", "Welcome.\n"),
      "guides/hello.md": page("layout: page\ntitle: Hello\n", '## Greeting\n\n{% include note.html content="Written by the site" %}\n'),
      "_includes/note.html": '<aside class="own-note">{{ include.content }}</aside>\n',
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.findings.filter((found) => found.severity === "error")).toEqual([]);
    const $ = await built(root, "kb/guides/hello.html");
    // The theme's frame: its policy, its header and stylesheet, the page's title as its h1.
    expect($('meta[http-equiv="Content-Security-Policy"]').length).toBe(1);
    expect($("article h1").text()).toBe("Hello");
    expect($('link[rel="stylesheet"]').attr("href")).toBe("/kb/assets/site.css");
    expect(existsSync(path.join(root, "_site/kb/assets/site.css"))).toBe(true);
    // The site's note.html, not the theme's callout.
    expect($("aside.own-note").text()).toBe("Written by the site");
  });

  it("reports nothing of the theme's own for a site with only a title (the theme reads no key the site lacks)", async () => {
    const root = await site({
      "_config.yml": "title: Bare\n",
      "index.md": page("layout: page\ntitle: Home\n", "Welcome.\n"),
      "guides/hello.md": page("layout: page\ntitle: Hello\n", "Hello.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.findings.map((found) => `${found.file}:${found.line}: ${found.message}`)).toEqual([]);
    expect(result.published).toBe(true);
  });

  it("reports an unknown plugin once, as a warning at its line, and still builds", async () => {
    const root = await site({
      "_config.yml": "title: Plugins\nplugins:\n  - jekyll-redirect-from\n  - jekyll-paginate\n  - jekyll-paginate\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "Home.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    const plugins = result.findings.filter((found) => found.check === "plugins");
    expect(plugins).toHaveLength(1);
    expect(plugins[0]).toMatchObject({ file: "_config.yml", line: 4, severity: "warning" });
    expect(plugins[0]!.message).toContain('"jekyll-paginate"');
    expect(result.published).toBe(true);
  });

  it("takes an unknown tag for a plugin's when the site runs plugins it has no equivalent for: nothing rendered, a warning at each use", async () => {
    const root = await site({
      "_config.yml": "title: Plugin tags\nplugins:\n  - jekyll-gist\n",
      "_plugins/callout.rb": "Liquid::Template.register_tag('callout', Class.new(Liquid::Block))\n",
      "_layouts/default.html": LAYOUT,
      "_includes/embed.html": "<div>{% gist 1234 %}</div>\n",
      "index.md": page(
        "layout: default\ntitle: Home\n",
        "Before {% gist abc/def %} after.\n\n{% callout %}Inside the block.{% endcallout %}\n\n{% include embed.html %}\n\n{% if true %}kept{% else %}no{% endif %}\n",
      ),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    const tags = result.findings.filter((found) => found.message.startsWith("tag "));
    expect(tags.map((found) => [found.file, found.line, found.column, found.severity, found.message.split(" ")[1]])).toEqual([
      ["_includes/embed.html", 1, 9, "warning", '"gist"'],
      ["index.md", 5, 11, "warning", '"gist"'],
      ["index.md", 7, 4, "warning", '"callout"'],
    ]);
    expect(result.findings.filter((found) => found.file === "_plugins/callout.rb").map((found) => found.severity)).toEqual(["warning"]);
    const $ = await built(root, "index.html");
    expect($("main").text().replace(/\s+/g, " ").trim()).toBe("Before after. Inside the block. kept");
  });

  it("keeps an unknown tag an error in a site without plugins, as Jekyll stops there", async () => {
    const root = await site({
      "_config.yml": "title: No plugins\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "Before {% gist abc %} after.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(false);
    expect(result.findings.filter((found) => found.severity === "error").map((found) => [found.file, found.line])).toEqual([["index.md", 5]]);
  });

  it("writes a page whose layout is missing without one, as Jekyll does, with a warning at its key", async () => {
    const root = await site({
      "_config.yml": "title: Missing\n",
      "index.md": page("layout: nowhere\ntitle: Home\n", "Hello *there*.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    expect(result.findings.map((found) => [found.file, found.line, found.severity, found.message.split(/[;:]/)[0]])).toEqual([
      ["_config.yml", 1, "warning", "1 page without a layout has no Content-Security-Policy meta tag in its <head>"],
      ["index.md", 2, "warning", 'layout "nowhere" does not exist in _layouts/ (nor in the built-in theme)'],
    ]);
    expect((await readFile(path.join(root, "_site/index.html"), "utf8")).trim()).toBe("<p>Hello <em>there</em>.</p>");
  });

  it("builds a gem theme's pages (theme: minima) with the built-in theme's page layout, with a warning naming the theme", async () => {
    const root = await site({
      "_config.yml": "title: Gem themed\ntheme: minima\n",
      "index.md": page("layout: home\ntitle: Home\n", "Hello.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    expect(result.findings.map((found) => found.message)).toEqual([expect.stringContaining('the site\'s theme "minima"')]);
    const $ = await built(root, "index.html");
    expect($("article h1").text()).toBe("Home");
    expect($("article p").text()).toBe("Hello.");
  });

  it("publishes a broken link as Jekyll does, with a warning at its place, and fails with --strict", async () => {
    const files = {
      "_config.yml": "title: Links\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "See [the guide](/guide/#step-two), [a page](/nothing/) and [a section](#nowhere).\n"),
      "guide/index.md": page("layout: default\ntitle: Guide\n", "## Step one\n"),
    };
    const root = await site(files);
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    const links = result.findings.filter((found) => found.check === "links");
    expect(links.map((found) => [found.file, found.line, found.severity, found.message])).toEqual([
      ["index.md", 5, "warning", 'link "/guide/#step-two": page "/guide/" has no element with id "step-two"'],
      ["index.md", 5, "warning", 'link "/nothing/" resolves to no page'],
      ["index.md", 5, "warning", 'link "#nowhere": this page has no element with id "nowhere"'],
    ]);
    expect((await runPipeline({ root: await site(files), publish: true, strict: true })).published).toBe(false);
  });

  it("has {% seo %} where the site lists jekyll-seo-tag (no plugin finding), and not where it doesn't, as in Jekyll", async () => {
    const layout = "<!DOCTYPE html>\n<html><head>{% seo %}</head><body><main>{{ content }}</main></body></html>\n";
    const files = { "_layouts/default.html": layout, "index.md": page("layout: default\ntitle: Home\n", "Home.\n") };
    const listed = await site({ ...files, "_config.yml": "title: Seo\nplugins:\n  - jekyll-seo-tag\n" });
    const result = await runPipeline({ root: listed, publish: true });
    expect(result.findings.filter((found) => found.severity === "error" || found.check === "plugins")).toEqual([]);
    expect((await built(listed, "index.html"))("head title").text()).toBe("Home | Seo");
    const unlisted = await site({ ...files, "_config.yml": "title: Seo\n" });
    const refused = await runPipeline({ root: unlisted, publish: true });
    expect(refused.findings.filter((found) => found.severity === "error").map((found) => found.message)).toEqual(['Liquid syntax error: tag "seo" not found']);
  });

  it("writes jekyll-feed's feed.xml and has {% feed_meta %} where the site lists the plugin, unless the site has a feed.xml of its own", async () => {
    const layout = "<!DOCTYPE html>\n<html><head>{% feed_meta %}</head><body><main>{{ content }}</main></body></html>\n";
    const files = {
      "_layouts/default.html": layout,
      "index.md": page("layout: default\ntitle: Home\n", "Home.\n"),
      "_posts/2024-01-02-news.md": page("layout: default\ntitle: News\n", "News.\n"),
    };
    const listed = await site({ ...files, "_config.yml": "title: Feed\nurl: https://feed.example.test\nplugins:\n  - jekyll-feed\n" });
    const result = await runPipeline({ root: listed, publish: true });
    expect(result.findings.filter((found) => found.severity === "error" || found.check === "plugins")).toEqual([]);
    expect((await built(listed, "index.html"))("link").attr("href")).toBe("https://feed.example.test/feed.xml");
    const feed = cheerio.load(await readFile(path.join(listed, "_site/feed.xml"), "utf8"), { xmlMode: true });
    expect(feed("feed > title").text()).toBe("Feed");
    expect(feed("entry > link").attr("href")).toBe("https://feed.example.test/2024/01/02/news.html");
    const own = await site({ ...files, "_config.yml": "title: Feed\nplugins:\n  - jekyll-feed\n", "feed.xml": "<feed>own</feed>\n" });
    await runPipeline({ root: own, publish: true });
    expect(existsSync(path.join(own, "_site/feed.xml")) && (await readFile(path.join(own, "_site/feed.xml"), "utf8")).includes("<entry>")).toBe(false);
    const unlisted = await site({ ...files, "_config.yml": "title: Feed\n" });
    const refused = await runPipeline({ root: unlisted, publish: true });
    expect(refused.findings.filter((found) => found.severity === "error").map((found) => found.message)).toEqual([
      'Liquid syntax error: tag "feed_meta" not found',
    ]);
    expect(existsSync(path.join(unlisted, "_site/feed.xml"))).toBe(false);
  });

  it("reads {% seo %}'s JSON-LD as data and its canonical link as no load: a policy after them is the page's, nothing reported", async () => {
    const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`;
    const root = await site({
      "_config.yml": "title: Seo\nurl: https://seo.example.test\nplugins:\n  - jekyll-seo-tag\n",
      "_layouts/default.html": `<!DOCTYPE html>\n<html><head><meta charset="utf-8">{% seo %}${policy}</head><body><main>{{ content }}{% seo title=false %}</main></body></html>\n`,
      "index.md": page("layout: default\ntitle: Home\n", "Home.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.findings.map((found) => `${found.file}:${found.line}: ${found.message}`)).toEqual([]);
  });

  it("takes a url with a path (a GitHub project site) as Jekyll does: before every absolute URL, and its own links checked below it", async () => {
    const root = await site({
      "_config.yml": "title: Project\nurl: https://user.github.io/project\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page(
        "layout: default\ntitle: Home\n",
        "[Self]({{ '/guide.html' | absolute_url }}), [broken](https://user.github.io/project/nothing.html), [another site](https://user.github.io/other/x.html).\n",
      ),
      "guide.md": page("layout: default\ntitle: Guide\n", "Guide.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    expect(result.findings.filter((found) => found.check !== "page-policy").map((found) => found.message)).toEqual([
      'link "https://user.github.io/project/nothing.html" resolves to no page',
    ]);
    const $ = await built(root, "index.html");
    expect($("main a").first().attr("href")).toBe("https://user.github.io/project/guide.html");
    expect(await readFile(path.join(root, "_site/sitemap.xml"), "utf8")).toContain("<loc>https://user.github.io/project/guide");
  });

  it("builds a page whose front matter doesn't parse without it, as Jekyll does, unless strict_front_matter is set", async () => {
    const files = {
      "_config.yml": "title: YAML\n",
      "_layouts/default.html": LAYOUT,
      "broken.md": '---\nlayout: default\ntitle: "Broken: [yaml\n---\nBody of *broken*.\n',
    };
    const lenient = await site(files);
    const result = await runPipeline({ root: lenient, publish: true });
    expect(result.published).toBe(true);
    expect(result.findings.filter((found) => found.check === "yaml").map((found) => [found.file, found.severity])).toEqual([["broken.md", "warning"]]);
    expect((await readFile(path.join(lenient, "_site/broken.html"), "utf8")).trim()).toBe("<p>Body of <em>broken</em>.</p>");
    const strict = await site({ ...files, "_config.yml": "title: YAML\nstrict_front_matter: true\n" });
    const stopped = await runPipeline({ root: strict, publish: true });
    expect(stopped.published).toBe(false);
    expect(stopped.findings.filter((found) => found.check === "yaml").map((found) => [found.file, found.severity])).toEqual([["broken.md", "error"]]);
  });

  it("builds one of two pages at one URL, as Jekyll writes one, with a warning at the other", async () => {
    const root = await site({
      "_config.yml": "title: Conflict\n",
      "_layouts/default.html": LAYOUT,
      "about.html": page("layout: default\ntitle: About\n", "<p>From html.</p>\n"),
      "about.md": page("layout: default\ntitle: About\n", "From md.\n"),
    });
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    expect(result.findings.filter((found) => found.check === "permalinks").map((found) => [found.file, found.severity])).toEqual([["about.md", "warning"]]);
    expect((await built(root, "about.html"))("main").text().trim()).toBe("From html.");
  });

  it("keeps a draft (published: false) on the model, marked, and builds nor lists it", async () => {
    const root = await site({
      "_config.yml": "title: Drafts\ncollections:\n  notes:\n    output: true\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "{% for note in site.notes %}- {{ note.title }}\n{% endfor %}"),
      "_notes/ready.md": page("layout: default\ntitle: Ready\n", "Ready.\n"),
      "_notes/later.md": page("layout: default\ntitle: Later\npublished: false\n", "Later.\n"),
    });
    const model = readSite(root, siteDirectoriesFor(root));
    expect(model.pages.find((found) => found.file === "_notes/later.md")?.published).toBe(false);
    expect(model.pages.find((found) => found.file === "_notes/ready.md")?.published).toBe(true);
    await runPipeline({ root, publish: true });
    expect(existsSync(path.join(root, "_site/notes/later.html"))).toBe(false);
    expect(existsSync(path.join(root, "_site/notes/ready.html"))).toBe(true);
    const $ = await built(root, "index.html");
    expect(
      $("main li")
        .toArray()
        .map((item) => $(item).text()),
    ).toEqual(["Ready"]);
  });

  it("reads the site's Liquid strictness from _config.yml (Jekyll's defaults: warnings); this repository's site stays strict", async () => {
    const lenient = await site({ "_config.yml": "title: Lenient\n", "_layouts/default.html": LAYOUT });
    const strict = await site({ "_config.yml": "title: Strict\nliquid:\n  strict_variables: true\n  strict_filters: true\n  error_mode: strict\n" });
    expect(readSite(lenient, siteDirectoriesFor(lenient)).settings.liquid).toEqual(JEKYLL_DEFAULT_LIQUID);
    expect(readSite(strict, siteDirectoriesFor(strict)).settings.liquid).toEqual({ strictVariables: true, strictFilters: true, errorMode: "strict" });
    const own = await makeFixtureSite();
    roots.push(own);
    expect(readSite(own, siteDirectoriesFor(own)).settings.liquid).toEqual(STRICT_LIQUID);
  });

  it("renders an undefined variable as nothing and warns under Jekyll's defaults; strict_variables makes it an error", async () => {
    const files = (config: string) => ({
      "_config.yml": `title: T\n${config}`,
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "Before {{ page.missing_key }}after {{ 'x' | no_such_filter }}.\n"),
    });
    const lenient = await site(files(""));
    const lenientRun = await runPipeline({ root: lenient, publish: true });
    // (The site's own layout lacks the pages' Content-Security-Policy: a warning at the layout.)
    const onPage = (run: typeof lenientRun) =>
      run.findings.filter((found) => found.file === "index.md").map((found) => [found.line, found.severity, found.message]);
    expect(onPage(lenientRun)).toEqual([
      [5, "warning", expect.stringContaining("page.missing_key")],
      [5, "warning", expect.stringContaining("no_such_filter")],
    ]);
    expect(lenientRun.published).toBe(true);
    expect((await built(lenient, "index.html"))("main").text().trim()).toBe("Before after x.");

    const strict = await site(files("liquid:\n  strict_variables: true\n  strict_filters: true\n"));
    const strictRun = await runPipeline({ root: strict, publish: true });
    // Strict filters refuse the template as it is parsed, so its variables are not reached.
    expect(onPage(strictRun)).toEqual([[5, "error", expect.stringContaining("no_such_filter")]]);
    expect(strictRun.published).toBe(false);
  });

  it("locates a mistake in the author's file: a missing include in a collection document", async () => {
    const root = await site({
      "_config.yml": "title: Mistakes\ncollections:\n  guides:\n    output: true\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "Home.\n"),
      "_guides/setup.md": page("layout: default\ntitle: Setup\n", "First line.\n\n{% include missing-callout.html %}\n"),
    });
    const result = await runPipeline({ root });
    const found = result.findings.find((item) => item.severity === "error" && item.message.includes("missing-callout.html"));
    expect(found).toMatchObject({ file: "_guides/setup.md", line: 7 });
  });

  it("builds with --source and --destination (and -s/-d) from any folder, as Jekyll's CLI takes them", async () => {
    const source = await site({
      "_config.yml": "title: Flags\n",
      "_layouts/default.html": LAYOUT,
      "index.md": page("layout: default\ntitle: Home\n", "## Built from elsewhere\n"),
    });
    const elsewhere = await mkdtemp(path.join(tmpdir(), "jekyll-cwd-"));
    roots.push(elsewhere);
    const destination = path.join(elsewhere, "out");
    const long = await runCli("build", elsewhere, ["--source", source, "--destination", destination]);
    expect(long.code, long.stderr).toBe(0);
    expect(
      cheerio
        .load(await readFile(path.join(destination, "index.html"), "utf8"))("h2")
        .attr("id"),
    ).toBe("built-from-elsewhere");
    const short = await runCli("check", elsewhere, ["-s", source, "-d", path.join(elsewhere, "unused")]);
    expect(short.code, short.stderr).toBe(0);
    expect(existsSync(path.join(elsewhere, "unused"))).toBe(false);
    const usage = await runCli("check", elsewhere, ["--source"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--source needs a value");
  });
});
