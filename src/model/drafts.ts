import type { SiteModel, SourcePage } from "./site-model.ts";

/**
 * Drafts: a page whose front matter says `published: false` (Jekyll's key) is not built, and so
 * is in nothing that lists pages (collections, the sidebar, the connection guides, the sitemap,
 * the search index, the redirects), unless the build asks for drafts (`build --drafts`,
 * `start --drafts`). The build sees only the model this returns; the drafts it left out are kept
 * so that a link to one can say why it leads nowhere.
 */

export function isPublished(data: Record<string, unknown> | undefined): boolean {
  return data?.published !== false;
}

export interface BuildModel {
  /** The model to build: without the drafts, unless they are included. */
  model: SiteModel;
  /** The drafts: left out of `model` (drafts excluded), or built, each marked as a draft (included). */
  drafts: SourcePage[];
}

export function modelForBuild(model: SiteModel, includeDrafts: boolean): BuildModel {
  const drafts = model.pages.filter((page) => !page.published);
  if (includeDrafts || drafts.length === 0) return { model, drafts };
  return { model: { ...model, pages: model.pages.filter((page) => page.published) }, drafts };
}
