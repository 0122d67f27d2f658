import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/checks/finding.ts";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { writeSite } from "../helpers/jekyll.ts";

/**
 * A Jekyll site's code is coloured by its Rouge theme (`.highlight .k { ... }`), so its tokens
 * carry Rouge's classes. Token boundaries are highlight.js's, so only tokens both highlighters
 * see alike are checked, each against the class Jekyll 4.3's Rouge gives it (checked by building
 * this page with /usr/bin/jekyll); where Rouge names a subclass highlight.js cannot tell apart
 * (`c1` for a one-line comment, `s1`/`s2` for quoted strings), the token has Rouge's parent class.
 */

const PAGE = `---
layout: default
---
\`\`\`bash
# open the tunnel
if [ -n "$HOST" ]; then echo "up"; fi
\`\`\`

\`\`\`python
class Tunnel:
    def connect(self, port):
        # the local end
        return "localhost"
\`\`\`

\`\`\`sql
SELECT name FROM users WHERE id = 'x'; -- one user
\`\`\`

{% highlight sql %}
DELETE FROM sessions;
{% endhighlight %}

| Port | Open |
|:-----|-----:|
| 22   | yes  |
`;

const classOf = ($: cheerio.CheerioAPI, block: string, text: string) =>
  $(`div.language-${block} span, figure.highlight span`)
    .filter((_, span) => $(span).text() === text && $(span).closest(`div.language-${block}, figure.highlight`).length > 0)
    .first()
    .attr("class");

describe("a Jekyll site's code highlighted with Rouge's token classes", () => {
  let root: string;
  let $: cheerio.CheerioAPI;
  let findings: Finding[];

  beforeAll(async () => {
    root = await writeSite(
      {
        "_config.yml": "title: Code\n",
        "_layouts/default.html": "<!DOCTYPE html>\n<html><head><title>x</title></head><body><main>{{ content }}</main></body></html>\n",
        "index.md": PAGE,
      },
      "jekyll-rouge-",
    );
    const result = await runPipeline({ root, publish: true });
    expect(result.published).toBe(true);
    findings = result.findings;
    $ = cheerio.load(await readFile(path.join(root, "_site/index.html"), "utf8"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("gives bash's keywords, builtins, variables and comments Rouge's classes", () => {
    expect(classOf($, "bash", "# open the tunnel")).toBe("c");
    expect(classOf($, "bash", "if")).toBe("k");
    expect(classOf($, "bash", "then")).toBe("k");
    expect(classOf($, "bash", "$HOST")).toBe("nv");
    expect(classOf($, "bash", "echo")).toBe("nb");
  });

  it("highlights python, which the theme's own languages leave out", () => {
    expect(classOf($, "python", "class")).toBe("k");
    expect(classOf($, "python", "Tunnel")).toBe("nc");
    expect(classOf($, "python", "def")).toBe("k");
    expect(classOf($, "python", "connect")).toBe("nf");
    expect(classOf($, "python", '"localhost"')).toBe("s");
    expect(classOf($, "python", "# the local end")).toBe("c"); // Rouge: c1
  });

  it("gives sql's keywords, strings and comments Rouge's classes, in fenced code and {% highlight %}", () => {
    expect(classOf($, "sql", "SELECT")).toBe("k");
    expect(classOf($, "sql", "'x'")).toBe("s"); // Rouge: s1
    expect(classOf($, "sql", "-- one user")).toBe("c"); // Rouge: c1
    expect(classOf($, "sql", "DELETE")).toBe("k"); // in {% highlight sql %}
    expect($("span[class^=hljs-]").length).toBe(0);
  });

  it("aligns table cells as kramdown does, without a finding for the style it writes", () => {
    expect(
      $("th")
        .map((_, cell) => $(cell).attr("style"))
        .get(),
    ).toEqual(["text-align: left", "text-align: right"]);
    expect($("td").first().attr("class")).toBe("align-left");
    expect(findings.filter((found) => found.check === "raw-html")).toEqual([]);
  });
});
