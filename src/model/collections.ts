import path from "node:path";
import type { SiteModel } from "./site-model.ts";
import { pageUrlProblem } from "./url-paths.ts";

/**
 * Jekyll-style collections: every page below a folder of content/, as `_data/site.yml` maps
 * them, in path order so that builds are deterministic. Templates see them as `site.<name>`:
 * arrays of `{ ...front matter, title, url, collection }`. A page whose front matter does not
 * parse, or whose URL is not a valid site path, is never built and is left out (the checks say why).
 */
export type JekyllDocument = Record<string, unknown> & { title: string; url: string; collection: string };

export function collectionsOf(model: SiteModel): Record<string, JekyllDocument[]> {
  const collections: Record<string, JekyllDocument[]> = {};
  for (const [name, folder] of Object.entries(model.settings.collections)) {
    const dir = path.resolve(model.dirs.input, String(folder)) + path.sep;
    collections[name] = model.pages.flatMap((page) => {
      if (!page.absolutePath.startsWith(dir) || !page.data || pageUrlProblem(page.url)) return [];
      const title = typeof page.data.title === "string" ? page.data.title : "";
      return [{ ...page.data, title, url: page.url, collection: name }];
    });
  }
  return collections;
}
