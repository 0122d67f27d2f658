import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { writeSite } from "../helpers/jekyll.ts";

/**
 * A Jekyll site's pages that are neither HTML nor markdown (`search.json`, `robots.txt`, a
 * `.scss` style sheet), where no Jekyll build can be compared: what is reported, and where; what
 * the build leaves out of the sitemap and llms.txt. (Their output against Jekyll's: the
 * page-types site fixture.)
 */

const LAYOUT = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>\n`;
const page = (frontMatter: string, body: string) => `---\n${frontMatter}---\n${body}`;

describe("a Jekyll site's pages of other types", () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });
  const site = async (files: Record<string, string>) => {
    const root = await writeSite({ "_layouts/default.html": LAYOUT, "index.md": page("layout: default\ntitle: Home\n", "Home.\n"), ...files }, "jekyll-types-");
    roots.push(root);
    return root;
  };
  const errorsOf = (run: Awaited<ReturnType<typeof runPipeline>>) =>
    run.findings
      .filter((found) => found.severity === "error")
      .map((found) => ({ file: found.file, line: found.line, check: found.check, message: found.message }));

  it("reports a Sass error at the partial's file and line, without a stack trace, and publishes nothing", async () => {
    const root = await site({
      "_config.yml": "title: T\n",
      "assets/css/style.scss": page("", '// The site\'s style sheet.\n@import "base";\n'),
      "_sass/_base.scss": "$accent: #2a7ae2;\n\nbody {\n  color: $acent;\n}\n",
    });
    const run = await runPipeline({ root, publish: true });
    expect(errorsOf(run)).toEqual([{ file: "_sass/_base.scss", line: 4, check: "sass", message: expect.stringContaining("Undefined variable") }]);
    expect(errorsOf(run)[0]!.message).not.toMatch(/\n\s+at /);
    expect(run.published).toBe(false);
    expect(existsSync(path.join(root, "_site"))).toBe(false);
  });

  it("reports a missing import at the page's own line, below its front matter", async () => {
    const root = await site({
      "_config.yml": "title: T\n",
      "assets/css/style.scss": page("", '// The site\'s style sheet.\n@import "missing-partial";\n'),
    });
    const run = await runPipeline({ root, publish: true });
    expect(errorsOf(run)).toEqual([{ file: "assets/css/style.scss", line: 4, check: "sass", message: expect.stringContaining("import") }]);
    expect(run.published).toBe(false);
  });

  it("says where a theme gem's partial would have come from when an import is missing", async () => {
    const root = await site({ "_config.yml": "title: T\ntheme: minima\n", "assets/main.scss": page("", '@import "minima";\n') });
    const run = await runPipeline({ root });
    expect(errorsOf(run)).toEqual([
      { file: "assets/main.scss", line: 3, check: "sass", message: expect.stringContaining('the site\'s theme "minima" is a Ruby gem') },
    ]);
  });

  it("compiles Sass after Liquid with _sass/ as the load path, compressed when asked, computed colours as libsass rounds them, quietly; _sass/ is not copied", async () => {
    const root = await site({
      "_config.yml": "title: T\naccent: '#336699'\nsass:\n  style: compressed\n",
      "assets/css/style.scss": page("", '@import "base";\nmain { a { color: {{ site.accent }}; &:hover { color: darken({{ site.accent }}, 10%); } } }\n'),
      "_sass/_base.scss": "$gap: 4px;\nbody { margin: $gap * 2; }\n",
    });
    const run = await runPipeline({ root, publish: true });
    expect(run.findings.filter((found) => found.file !== "_layouts/default.html")).toEqual([]);
    expect((await readFile(path.join(root, "_site/assets/css/style.css"), "utf8")).trim()).toBe(
      "body{margin:8px}main a{color:#369}main a:hover{color:#264d73}",
    );
    expect(existsSync(path.join(root, "_site/_sass"))).toBe(false);
    expect(existsSync(path.join(root, "_site/assets/css/style.scss"))).toBe(false);
  });

  it("reports an undefined variable in a .json page at its line (a warning under Jekyll's defaults, an error with strict_variables)", async () => {
    const files = (config: string) => ({
      "_config.yml": `title: T\n${config}`,
      "search.json": page("layout: null\n", '{\n  "title": {{ site.title | jsonify }},\n  "missing": "{{ site.no_such_key }}"\n}\n'),
    });
    const lenient = await runPipeline({ root: await site(files("")), publish: true });
    const onPage = (run: typeof lenient) =>
      run.findings.filter((found) => found.file === "search.json").map((found) => [found.line, found.severity, found.message]);
    expect(onPage(lenient)).toEqual([[6, "warning", expect.stringContaining("site.no_such_key")]]);
    expect(lenient.published).toBe(true);

    const strict = await runPipeline({ root: await site(files("liquid:\n  strict_variables: true\n")), publish: true });
    expect(onPage(strict)).toEqual([[6, "error", expect.stringContaining("site.no_such_key")]]);
    expect(strict.published).toBe(false);
  });

  it("reads HTML in a script's or JSON page's strings as text, not as the page's markup (no unclosed-tag findings)", async () => {
    const root = await site({
      "_config.yml": "title: T\n",
      "assets/app.js": page("", 'const open = "<div class=\\"note\\">";\nif (a < b && c > d) render(open);\n'),
      "snippets.json": page("", '{"html": "<p>unclosed <em>emphasis"}\n'),
    });
    const run = await runPipeline({ root, publish: true });
    expect(run.findings.filter((found) => found.file !== "_layouts/default.html")).toEqual([]);
    expect(JSON.parse(await readFile(path.join(root, "_site/snippets.json"), "utf8"))).toEqual({ html: "<p>unclosed <em>emphasis" });
    expect(await readFile(path.join(root, "_site/assets/app.js"), "utf8")).toContain('"<div class=\\"note\\">"');
  });

  it("escapes a feed's text as Jekyll's xml_escape does (Ruby's entities for quotes)", async () => {
    const root = await site({
      "_config.yml": 'title: Tom\'s "relay" <notes> & more\n',
      "feed.xml": page("layout: null\n", "<feed><title>{{ site.title | xml_escape }}</title></feed>\n"),
    });
    const run = await runPipeline({ root, publish: true });
    expect(errorsOf(run)).toEqual([]);
    expect(await readFile(path.join(root, "_site/feed.xml"), "utf8")).toBe(
      "<feed><title>Tom&apos;s &quot;relay&quot; &lt;notes&gt; &amp; more</title></feed>\n",
    );
  });

  it("writes the site's own robots.txt instead of the build's, and keeps non-HTML pages out of the sitemap, llms.txt and Markdown copies", async () => {
    const root = await site({
      "_config.yml": 'title: T\nurl: "https://example.org"\n',
      "robots.txt": page("layout: null\n", "User-agent: *\nSitemap: {{ site.url }}/sitemap.xml\n"),
      "search.json": page("layout: null\n", "[{% for p in site.html_pages %}{{ p.url | jsonify }}{% unless forloop.last %},{% endunless %}{% endfor %}]\n"),
      "feed.xml": page("layout: null\n", "<feed><title>{{ site.title }}</title></feed>\n"),
    });
    const run = await runPipeline({ root, publish: true });
    expect(errorsOf(run)).toEqual([]);
    const output = (file: string) => readFile(path.join(root, "_site", file), "utf8");
    expect(await output("robots.txt")).toBe("User-agent: *\nSitemap: https://example.org/sitemap.xml\n");
    expect(JSON.parse(await output("search.json"))).toEqual(["/"]);
    const sitemap = await output("sitemap.xml");
    expect(sitemap).toContain("<loc>https://example.org/</loc>");
    expect(sitemap).not.toMatch(/search|feed|robots/);
    expect(await output("llms.txt")).not.toMatch(/search|feed|robots/);
    expect(existsSync(path.join(root, "_site/search.md"))).toBe(false);
  });
});
