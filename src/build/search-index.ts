import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { readSiteSettings, siteDirectories } from "../site/settings.ts";
import type { BuildStage } from "./build-site.ts";
import { listFiles } from "./list-files.ts";

/**
 * The site's search index, built with Pagefind from the staged HTML: only what a page marks with
 * `data-pagefind-body` (the article; not the navigation around it), split into sections at each
 * heading with an id, so a result can link straight to the step. Written to
 * `<baseurl>/pagefind/`, where site.js loads it from.
 */
export const searchIndexStage: BuildStage = {
  name: "search-index",
  async run({ root, stagingDir }) {
    const { baseurl } = readSiteSettings(siteDirectories(root).data);
    await writeSearchIndex(stagingDir, path.join(stagingDir, baseurl, "pagefind"));
  },
};

/**
 * Pages sent to Pagefind ahead of its answers. Its service indexes one page at a time, so waiting
 * for each answer before reading and sending the next page left it idle half the time; a few
 * pages queued keep it busy without holding the whole site in memory.
 */
const PAGES_IN_FLIGHT = 16;

/**
 * Indexes every HTML file below `siteDir` into a Pagefind bundle at `outputPath`. Pages go in in
 * path order, whatever the timing: that order numbers them in the index, so it keeps two builds
 * byte-identical. `pageHtml` picks what of each page Pagefind is given (tests pass the page whole).
 */
export async function writeSearchIndex(
  siteDir: string,
  outputPath: string,
  pageHtml: (html: string) => string = withoutPageChrome,
): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
  try {
    if (!index) throw new Error(`the search index could not be started: ${errors.join("; ")}`);
    const files = (await listFiles(siteDir)).filter((file) => file.endsWith(".html")).sort();
    const inFlight: SentPage[] = [];
    for (const file of files) {
      if (inFlight.length === PAGES_IN_FLIGHT) await confirmAdded(inFlight.shift()!);
      const content = pageHtml(await readFile(path.join(siteDir, file), "utf8"));
      const added = index.addHTMLFile({ url: servedUrl(file), content });
      // Awaited in turn by confirmAdded; until then a failure must not count as unhandled.
      added.catch(() => {});
      inFlight.push({ file, added });
    }
    for (const page of inFlight) await confirmAdded(page);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}

interface SentPage {
  file: string;
  added: Promise<pagefind.NewFileResponse>;
}

async function confirmAdded({ file, added }: SentPage): Promise<void> {
  const { errors } = await added;
  if (errors.length > 0) throw new Error(`search index: ${file}: ${errors.join("; ")}`);
}

/**
 * The page without what lies between `<body>` and the element marked `data-pagefind-body`: the
 * site header, sidebar, breadcrumbs and table of contents, about half of every page. Pagefind
 * indexes only inside that element, so it would parse all of it just to drop it; the index comes
 * out the same (tests/build/search-index.test.ts compares). Pagefind does read its attributes
 * (`data-pagefind-meta`, `-filter`, ...) anywhere in a page, so a page with any in that stretch
 * is left whole, and so is a page without the marker.
 */
export function withoutPageChrome(html: string): string {
  const marker = html.indexOf("data-pagefind-body");
  const body = html.indexOf("<body");
  if (marker < 0 || body < 0) return html;
  const afterBodyTag = html.indexOf(">", body) + 1;
  const markedElement = html.lastIndexOf("<", marker);
  if (markedElement < afterBodyTag) return html;
  if (html.slice(afterBodyTag, markedElement).includes("data-pagefind")) return html;
  return html.slice(0, afterBodyTag) + html.slice(markedElement);
}

/** The URL a static host serves a file at: `docs/common/x.html` -> `/docs/common/x`. */
export function servedUrl(file: string): string {
  const url = `/${file}`;
  if (url.endsWith("/index.html")) return url.slice(0, -"index.html".length);
  return url.replace(/\.html$/, "");
}
