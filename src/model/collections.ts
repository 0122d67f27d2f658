import path from "node:path";
import type { SiteModel, SourcePage } from "./site-model.ts";
import { pageUrlProblem, pageUrlRulesOf } from "./url-paths.ts";

/**
 * Jekyll-style collections: every page below a folder of content/, as `_data/site.yml` maps
 * them, in path order so that builds are deterministic. Templates see them as `site.<name>`:
 * arrays of `{ ...front matter, title, url, collection }`. A page whose front matter does not
 * parse, or whose URL is not a valid site path, is never built and is left out (the checks say why).
 */

export type JekyllDocument = Record<string, unknown> & { title: string; url: string; collection: string };

export function collectionsOf(model: SiteModel): Record<string, JekyllDocument[]> {
  if (model.kind === "jekyll") return jekyllCollectionsOf(model);
  const collections: Record<string, JekyllDocument[]> = {};
  for (const [name, folder] of Object.entries(model.settings.collections)) {
    const dir = path.resolve(model.dirs.input, String(folder)) + path.sep;
    collections[name] = model.pages.flatMap((page) => {
      if (!page.absolutePath.startsWith(dir) || !page.data || pageUrlProblem(page.url, pageUrlRulesOf(model, page))) return [];
      const title = typeof page.data.title === "string" ? page.data.title : "";
      return [{ ...page.data, title, url: page.url, collection: name }];
    });
  }
  return collections;
}

/** Whether a page is listed and built: not a draft (`published: false`). */
export const isPublished = (page: SourcePage) => page.published !== false;

/**
 * A Jekyll site's collections (`_<label>/` folders): each published document with its front
 * matter and Jekyll's own variables (`id`, `path`, `slug`, `collection`, ...), by path, or by
 * the collection's `sort_by` key (documents without it after the others, as Jekyll sorts them),
 * or in its `order` (the files it names first, as named, then the rest by path: Collection#
 * rearrange_docs!); posts by date, then path (Document#<=>), oldest first.
 */
function jekyllCollectionsOf(model: SiteModel): Record<string, JekyllDocument[]> {
  const collections: Record<string, JekyllDocument[]> = {};
  for (const settings of model.jekyllCollections) {
    const documents: JekyllDocument[] = model.pages
      .filter((page) => page.collection === settings.label && page.data && isPublished(page))
      .map((page) => ({
        ...page.data,
        ...page.jekyll,
        title: typeof page.data!.title === "string" ? page.data!.title : "",
        url: page.url,
        collection: settings.label,
      }));
    const key = settings.sortBy;
    if (settings.label === "posts") documents.sort(byDateThenPath);
    else if (key && !settings.order) {
      const has = (doc: JekyllDocument) => doc[key] !== undefined && doc[key] !== null;
      documents.sort((a, b) => {
        if (!has(a) || !has(b)) return Number(!has(a)) - Number(!has(b));
        const [x, y] = [a[key] as string | number, b[key] as string | number];
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    collections[settings.label] = settings.order ? inOrder(documents, settings.directory, settings.order) : documents;
  }
  return collections;
}

/** The documents `order` names (file names in the collection's folder), in its order, then the others as they are. */
function inOrder(documents: JekyllDocument[], directory: string, order: string[]): JekyllDocument[] {
  const byPath = new Map(documents.map((document) => [String(document.relative_path), document]));
  const named = order.map((entry) => byPath.get(path.posix.join(directory, entry))).filter((document) => document !== undefined);
  const listed = new Set(named);
  return [...listed, ...documents.filter((document) => !listed.has(document))];
}

function byDateThenPath(a: JekyllDocument, b: JekyllDocument): number {
  const time = (doc: JekyllDocument) => (doc.date instanceof Date ? doc.date.getTime() : 0);
  return time(a) - time(b) || (String(a.path) < String(b.path) ? -1 : String(a.path) > String(b.path) ? 1 : 0);
}
