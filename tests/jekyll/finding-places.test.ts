import { rm } from "node:fs/promises";
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
        "_includes/list.html": '<ul>\n{% assign shown = site.guides | where_exp: "guide", "guide.hidden != true" %}\n{% for g in shown %}<li>{{ g.title }}</li>{% endfor %}</ul>\n',
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
});
