import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { type BuiltSite, buildFixtureSite, makeFixtureSite } from "../helpers/site.ts";

// Sharing and machines: Open Graph and Twitter card tags, llms.txt, and each page's Markdown
// copy, read from a build of the project's site with a tutorial and pages of the test's own.
const HOST = "https://www.stitchdata.com";
const TITLE = 'Share "this" & that <now>';
const SUMMARY = 'A "quoted" summary & <more>';
const TUTORIAL = `---
title: '${TITLE}'
permalink: /common/sharing
summary: '${SUMMARY}'
layout: tutorial
weight: 1
intro: |
  {% include misc/data-files.html %}
  {% include test/greeting.html name="reader" %}

  Read the [Security FAQ]({{ link.account.security-faq | relative_url }}){:target="new"} first.
requirements:
  - item: |
      **A server.** First paragraph.

         Second paragraph of the same item.
  - item: A key.
steps:
  - title: "Open the {{ app.page-names.dashboard }}"
    anchor: open-dashboard
    content: |
      {% include note.html content="Mind the **gap**." %}
    substeps:
      - title: Inner step
        anchor: inner-step
        content: Inner content.
        sub-substeps:
          - title: Deepest step
            anchor: deepest-step
            content: Deepest content.
  - title: Second step
    anchor: second-step
    content: |
      Allow these addresses:

      {% for ip-address in ip-addresses %}
      - {{ ip-address.ip }}
      {% endfor %}
next-steps: |
  Go on to the {{ site.title }}.
---
Body text of {{ page.title }}.
`;
const PLAIN = `---
title: Plain sharing
permalink: /plain-share
summary: A plain page.
layout: page
---
## A heading

The site is {{ site.title }}. {% include test/greeting.html name="plain" %}

A [new tab](https://example.com){:target="new"} link; in code, \`[x](y){:target="new"}\` stays.

\`\`\`markdown
[x](y){:target="new"}
\`\`\`
`;
const HIDDEN = "---\ntitle: Hidden\npermalink: /hidden\nlayout: page\nsitemap: false\n---\nNot for machines.\n";
const FILES = {
  "content/common/sharing.md": TUTORIAL,
  "content/plain-share.md": PLAIN,
  "content/hidden.md": HIDDEN,
  "_includes/test/greeting.html": "Hello, {{ include.name }}! This line came from an include.\n",
};

let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixtureSite(await makeFixtureSite({ files: FILES }));
});
afterAll(() => site?.cleanup());

const read = (file: string) => readFile(path.join(site.outputDir, file), "utf8");
/** The headings of a markdown text, outside fenced code. */
const headingsOf = (markdown: string) => {
  let fenced = false;
  return markdown.split("\n").filter((line) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    return !fenced && /^#{1,6} /.test(line);
  });
};

describe("sharing tags", () => {
  it("give each page's title, description, canonical URL and site name, escaped", async () => {
    const $ = await site.page("/docs/common/sharing");
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr("content");
    expect(meta("og:title")).toBe(TITLE);
    expect(meta("og:description")).toBe(SUMMARY);
    expect(meta("og:url")).toBe(`${HOST}/docs/common/sharing`);
    expect(meta("og:url")).toBe($('link[rel="canonical"]').attr("href"));
    expect(meta("og:site_name")).toBe("Stitch Documentation");
    expect(meta("og:type")).toBe("article");
    expect(meta("twitter:card")).toBe("summary");
    expect(meta("twitter:title")).toBe(TITLE);
    expect(meta("twitter:description")).toBe(SUMMARY);
    // Escaped: nothing of the values reaches the head as markup.
    const html = await read("docs/common/sharing.html");
    expect(html.slice(0, html.indexOf("</head>"))).not.toMatch(/<now>|<more>/);
  });

  it("call the home page a website, and give a page kept out of search engines no URL", async () => {
    const home = await site.page("/docs/");
    expect(home('meta[property="og:type"]').attr("content")).toBe("website");
    expect(home('meta[property="og:title"]').attr("content")).toBe("Stitch Documentation");
    const hidden = await site.page("/docs/hidden");
    expect(hidden('meta[property="og:title"]').attr("content")).toBe("Hidden");
    expect(hidden('meta[property="og:url"]')).toHaveLength(0);
  });
});

describe("a tutorial's Markdown copy", () => {
  let copy: string;
  beforeAll(async () => {
    copy = await read("docs/common/sharing.md");
  });

  it("has the title, Prerequisites, every step with its number, and Next steps, as headings", () => {
    expect(copy.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(headingsOf(copy)).toEqual([
      `# ${TITLE}`,
      "## Prerequisites",
      "## Step 1: Open the Stitch Dashboard",
      "### Step 1.1: Inner step",
      "#### Step 1.1.1: Deepest step",
      "## Step 2: Second step",
      "## Next steps",
    ]);
  });

  it("has the steps the HTML page has, numbered alike", async () => {
    const $ = await site.page("/docs/common/sharing");
    const pageSteps = $("section.step > :is(h2, h3, h4)")
      .map((_, heading) => `${"#".repeat(Number(heading.tagName.slice(1)))} ${$(heading).text().trim()}`)
      .get();
    expect(headingsOf(copy).filter((heading) => heading.includes(" Step "))).toEqual(pageSteps);
  });

  it("holds every field after Liquid: includes expanded, variables filled in, no Liquid left", () => {
    expect(copy).toContain("Hello, reader! This line came from an include.");
    expect(copy).toContain("Read the [Security FAQ](/docs/account-security/stitch-security) first.");
    expect(copy).toContain('<div class="callout callout-note" role="note">\n<p>Mind the <strong>gap</strong>.</p>\n</div>');
    expect(copy).toContain("- 52.23.137.21/32");
    expect(copy).toContain("Body text of Share");
    expect(copy).toContain("## Next steps\n\nGo on to the Stitch Documentation.\n");
    expect(copy).not.toMatch(/\{%|\{\{|\{:/);
  });

  it("is markdown, not the HTML it became: a requirement's second paragraph stays in its item", () => {
    expect(copy).toContain("## Prerequisites\n\n- **A server.** First paragraph.\n\n  Second paragraph of the same item.\n\n- A key.\n");
    expect(copy).not.toContain("<h2");
    expect(copy).not.toContain("<li>");
  });
});

describe("a plain page's Markdown copy", () => {
  it("is its title and its body after Liquid, without kramdown's attribute lists outside code", async () => {
    expect(await read("docs/plain-share.md")).toBe(
      "# Plain sharing\n\n## A heading\n\nThe site is Stitch Documentation. Hello, plain! This line came from an include.\n\n" +
        'A [new tab](https://example.com) link; in code, `[x](y){:target="new"}` stays.\n\n```markdown\n[x](y){:target="new"}\n```\n',
    );
  });

  it("is offered beside the title by a button that starts hidden, and not for a page without a copy", async () => {
    const $ = await site.page("/docs/plain-share");
    const button = $(".page-heading h1 + button.copy-page");
    expect(button.attr("data-copy-page")).toBe("/docs/plain-share.md");
    expect(button.attr("hidden")).toBeDefined();
    expect(button.text()).toBe("Copy page as Markdown");
    expect((await site.page("/docs/hidden"))("button.copy-page")).toHaveLength(0);
    expect(existsSync(path.join(site.outputDir, "docs/hidden.md"))).toBe(false);
    expect(existsSync(path.join(site.outputDir, "docs/404.md"))).toBe(false);
  });
});

describe("llms.txt", () => {
  let lines: string[];
  beforeAll(async () => {
    lines = (await read("docs/llms.txt")).split("\n");
  });
  const entries = () =>
    lines.flatMap((line) => {
      const match = /^- \[(.+)\]\((\S+)\)(?:: (.*))?$/.exec(line);
      return match ? [{ title: match[1]!, url: match[2]!, summary: match[3] ?? "" }] : [];
    });

  it("opens with the site's title and description", () => {
    expect(lines.slice(0, 3)).toEqual([
      "# Stitch Documentation",
      "",
      "> Guides for connecting Stitch to databases, including SSH tunnels to private networks.",
    ]);
  });

  it("lists the sidebar's sections in the sidebar's order, then the pages in none", async () => {
    const $ = await site.page("/docs/plain-share");
    const sidebar = $("nav.sidebar details.nav-group")
      .map((_, group) => $(group).children("summary").text().trim())
      .get();
    expect(lines.filter((line) => line.startsWith("## "))).toEqual([...sidebar, "Other pages"].map((title) => `## ${title}`));
    // Each section's pages in the order of its sidebar group.
    $("nav.sidebar details.nav-group").each((_, group) => {
      const hrefs = $(group)
        .find("a")
        .map((_, a) => $(a).attr("href"))
        .get();
      const heading = lines.indexOf(`## ${$(group).children("summary").text().trim()}`);
      const next = lines.findIndex((line, i) => i > heading && line.startsWith("## "));
      const listed = lines.slice(heading, next).flatMap((line) => /\]\(https:\/\/www\.stitchdata\.com(\S+)\.md\)/.exec(line)?.[1] ?? []);
      expect(listed).toEqual(hrefs);
    });
  });

  it("links each page's Markdown copy, with the page's summary", async () => {
    const listed = entries();
    expect(listed).toContainEqual({ title: TITLE.replace(/[[\]]/g, "\\$&"), url: `${HOST}/docs/common/sharing.md`, summary: SUMMARY });
    expect(listed).toContainEqual({ title: "Plain sharing", url: `${HOST}/docs/plain-share.md`, summary: "A plain page." });
    for (const entry of listed) {
      expect(entry.url.startsWith(`${HOST}/docs/`)).toBe(true);
      expect(existsSync(path.join(site.outputDir, entry.url.slice(HOST.length)))).toBe(true);
    }
  });

  it("leaves out redirects, the 404 and search pages and pages kept out of search engines", () => {
    const urls = entries().map((entry) => entry.url);
    expect(urls).not.toContainEqual(expect.stringMatching(/\/(404|search|hidden|common\/databases\/setting-up-ssh-tunnel-for-rds)\.md$/));
    expect(new Set(urls).size).toBe(urls.length);
  });
});

describe("the sitemap", () => {
  it("lists HTML pages only: no Markdown copy, no llms.txt", async () => {
    expect(existsSync(path.join(site.outputDir, "docs/common/sharing.md"))).toBe(true);
    const sitemap = await read("docs/sitemap.xml");
    expect(sitemap).toContain(`<loc>${HOST}/docs/common/sharing</loc>`);
    expect(sitemap).not.toMatch(/\.md<|llms\.txt/);
  });
});

describe("publishing", () => {
  it("replaces the copies and llms.txt only with a build that passes its checks", async () => {
    const root = await makeFixtureSite({ files: FILES });
    try {
      await buildFixtureSite(root);
      const copyFile = path.join(root, "_site/docs/plain-share.md");
      const llmsFile = path.join(root, "_site/docs/llms.txt");
      const llmsBefore = await readFile(llmsFile, "utf8");
      await writeFile(
        path.join(root, "content/plain-share.md"),
        PLAIN.replace("A plain page.", "An edited page.").replace("## A heading", "## An edited heading"),
      );
      await writeFile(path.join(root, "content/broken.md"), "---\ntitle: Broken\nlayout: page\n---\n{{ site.data.links.nowhere.at-all }}\n");
      const failed = await runPipeline({ root, publish: true });
      expect(failed.published).toBe(false);
      expect(await readFile(copyFile, "utf8")).toContain("## A heading");
      expect(await readFile(llmsFile, "utf8")).toBe(llmsBefore);
      await rm(path.join(root, "content/broken.md"));
      await buildFixtureSite(root);
      expect(await readFile(copyFile, "utf8")).toContain("## An edited heading");
      expect(await readFile(llmsFile, "utf8")).toContain("An edited page.");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("output paths", () => {
  it("refuse a redirect or page over a Markdown copy or llms.txt, at its line", async () => {
    const root = await makeFixtureSite({
      files: {
        ...FILES,
        "content/mover.md": "---\ntitle: Mover\npermalink: /mover\nlayout: page\nredirect_from:\n  - /plain-share.md\n  - /llms.txt\n---\nText.\n",
        // Not a page (pages end in .md), but one file with guide.md on macOS and Windows.
        "content/assets/guide.MD": "An asset.\n",
        "content/guide-page.md": "---\ntitle: Guide\npermalink: /assets/guide\nlayout: page\n---\nText.\n",
      },
    });
    try {
      const { findings, published } = await runPipeline({ root });
      expect(published).toBe(false);
      const errors = findings.filter((found) => found.severity === "error").map((found) => `${found.file}:${found.line}: ${found.message}`);
      expect(errors).toEqual([
        'content/guide-page.md:3: permalink "/assets/guide" has its Markdown copy at /docs/assets/guide.md, which differs only in letter case from /docs/assets/guide.MD, the asset content/assets/guide.MD (one file on macOS and Windows): give the page another permalink. The page was not rendered: its links, anchors and Liquid were not checked',
        'content/mover.md:6: redirect_from "/plain-share.md" is already the Markdown copy of content/plain-share.md: remove it, since a redirect must not replace a page or a file of the site',
        'content/mover.md:7: redirect_from "/llms.txt" is already llms.txt, which the build writes: remove it, since a redirect must not replace a page or a file of the site',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
