import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { writeSite } from "../helpers/jekyll.ts";

/** Where a Jekyll site's render findings are reported: the file and line the author wrote them at. */

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe("a Jekyll site's render findings", () => {
  it("locate a where_exp expression's undefined key at the expression, in the include that holds it", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Places\ncollections:\n  guides:\n    output: true\n",
        "_layouts/default.html": "<main>{{ content }}</main>\n",
        "_includes/list.html":
          '<ul>\n{% assign shown = site.guides | where_exp: "guide", "guide.hidden != true" %}\n{% for g in shown %}<li>{{ g.title }}</li>{% endfor %}</ul>\n',
        "_guides/a.md": "---\ntitle: A\nhidden: true\n---\nA\n",
        "_guides/b.md": "---\ntitle: B\n---\nB\n",
        "index.md": "---\nlayout: default\n---\n{% include list.html %}\n",
      },
      "jekyll-places-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    const hidden = result.findings.filter((found) => found.message.includes("guide.hidden"));
    expect(hidden.map((found) => [found.file, found.line, found.column, found.severity])).toEqual([["_includes/list.html", 2, 54, "warning"]]);
  });

  it("locate an undefined variable of a layout in the layout, at its line and column, for each kind of page", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Places\ncollections:\n  guides:\n    output: true\n",
        "_layouts/default.html": "<main>\n<p>{{ page.collection }} {{ page.missing_key }}</p>\n{{ content }}</main>\n",
        "_guides/a.md": "---\ntitle: A\nlayout: default\n---\nA\n",
        "index.md": "---\nlayout: default\n---\nHome\n",
      },
      "jekyll-places-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    // A page and a document lack different keys (each message lists the keys its page has).
    const places = new Set(
      result.findings
        .filter((found) => found.message.startsWith("undefined variable"))
        .map((found) => `${found.file}:${found.line}:${found.column}: ${found.message.split(":")[0]}`),
    );
    expect([...places]).toEqual([
      '_layouts/default.html:2:7: undefined variable or data key "page.collection"',
      '_layouts/default.html:2:29: undefined variable or data key "page.missing_key"',
    ]);
  });

  it("report a block-level HTML tag that kramdown shows as text, at its line, and build the page", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Places\n",
        "_layouts/default.html": "<main>{{ content }}</main>\n",
        "index.md": '---\nlayout: default\n---\nIntro.\n\nText then <div class="note">a note</div> and <span>a span</span>.\n',
      },
      "jekyll-places-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    const tags = result.findings.filter((found) => found.check === "raw-syntax");
    expect(tags.map((found) => [found.file, found.line, found.column, found.severity])).toEqual([
      ["index.md", 6, 11, "warning"],
      ["index.md", 6, 35, "warning"],
    ]);
    expect(tags[0]!.message).toMatch(/^HTML tag "<div class="note">" is inside a paragraph's text/);
    expect(await readFile(path.join(root, "_site/index.html"), "utf8")).toContain(
      "Text then &lt;div class=&#34;note&#34;&gt;a note&lt;/div&gt; and <span>a span</span>.",
    );
  });

  it("report redirect_from without jekyll-redirect-from at its key, and make no redirect, as Jekyll makes none", async () => {
    const files = {
      "_config.yml": "title: Places\n",
      "_layouts/default.html": "<main>{{ content }}</main>\n",
      "moved.md": "---\nlayout: default\ntitle: Moved\nredirect_from: /old-place/\n---\nHere now.\n",
    };
    const without = await writeSite(files, "jekyll-places-");
    const withPlugin = await writeSite({ ...files, "_config.yml": "title: Places\nplugins: [jekyll-redirect-from]\n" }, "jekyll-places-");
    roots.push(without, withPlugin);
    const result = await runPipeline({ root: without, publish: true });
    const found = result.findings.filter((item) => item.check === "redirects");
    expect(found.map((item) => [item.file, item.line, item.severity])).toEqual([["moved.md", 4, "warning"]]);
    expect(found[0]!.message).toMatch(/^redirect_from makes no redirect: jekyll-redirect-from is not among _config.yml's plugins/);
    expect(existsSync(path.join(without, "_site/old-place/index.html"))).toBe(false);
    const plugged = await runPipeline({ root: withPlugin, publish: true });
    expect(plugged.findings.filter((item) => item.check === "redirects")).toEqual([]);
    expect(existsSync(path.join(withPlugin, "_site/old-place/index.html"))).toBe(true);
  });

  it("claim no output path for redirect_from without jekyll-redirect-from: an old URL that is now a page is no clash", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Places\n",
        "_layouts/default.html": "<main>{{ content }}</main>\n",
        "moved.md": "---\nlayout: default\ntitle: Moved\nredirect_from: [/other/, /moved.html]\n---\nHere now.\n",
        "other/index.md": "---\nlayout: default\ntitle: Other\n---\nAnother page.\n",
      },
      "jekyll-places-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    expect(result.findings.filter((item) => item.severity === "error")).toEqual([]);
    expect(result.findings.filter((item) => item.check === "redirects").map((item) => [item.file, item.line])).toEqual([["moved.md", 4]]);
  });

  it("report a kramdown option that is not applied at its key", async () => {
    const root = await writeSite(
      {
        "_config.yml": "title: Places\nkramdown:\n  input: GFM\n  toc_levels: 2..3\n  footnote_nr: 3\n  transliterated_header_ids: true\n",
        "index.md": "---\ntitle: Home\n---\nText.\n",
      },
      "jekyll-places-",
    );
    roots.push(root);
    const result = await runPipeline({ root, publish: true });
    const options = result.findings.filter((item) => item.message.startsWith("kramdown option"));
    expect(options.map((item) => [item.file, item.line, item.severity, item.message.split(" ")[2]])).toEqual([
      ["_config.yml", 5, "warning", '"footnote_nr"'],
      ["_config.yml", 6, "warning", '"transliterated_header_ids"'],
    ]);
  });
});
