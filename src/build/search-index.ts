import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { readSiteSettings, siteDirectories } from "../site/settings.ts";
import type { BuildStage } from "./build-site.ts";

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
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
    try {
      if (!index) throw new Error(`the search index could not be started: ${errors.join("; ")}`);
      for (const file of await htmlFiles(stagingDir)) {
        const content = await readFile(path.join(stagingDir, file), "utf8");
        const added = await index.addHTMLFile({ url: servedUrl(file), content });
        if (added.errors.length > 0) throw new Error(`search index: ${file}: ${added.errors.join("; ")}`);
      }
      const written = await index.writeFiles({ outputPath: path.join(stagingDir, baseurl, "pagefind") });
      if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join("; ")}`);
    } finally {
      await pagefind.close();
    }
  },
};

/** The URL a static host serves a file at: `docs/common/x.html` -> `/docs/common/x`. */
export function servedUrl(file: string): string {
  const url = `/${file}`;
  if (url.endsWith("/index.html")) return url.slice(0, -"index.html".length);
  return url.replace(/\.html$/, "");
}

async function htmlFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return htmlFiles(full, base);
      return entry.name.endsWith(".html") ? [path.relative(base, full).split(path.sep).join("/")] : [];
    }),
  );
  return nested.flat().sort();
}
