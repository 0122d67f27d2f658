import { collectionsOf, type JekyllDocument } from "../model/collections.ts";
import type { SiteModel } from "../model/site-model.ts";
import { jekyllUrlFor } from "../model/urls.ts";

/**
 * Jekyll's names for what a template sees, from the site model and what Eleventy hands each
 * render: `site` (the settings of `_data/site.yml`, `site.data.*`, the collections as
 * `site.<name>`), `page` (the page's front matter, Eleventy's page fields, `page.url` without the
 * base URL), and the page's front matter at the top level too, as the tutorials use it.
 *
 * Eleventy never sees a page's front matter as its own data: it gets it under PAGE_DATA_KEY,
 * beside the few keys it acts on (`layout`, `permalink`), so that nothing an author writes
 * (`permalinkBypassOutputDir`, `pagination`, `eleventyComputed`) can tell Eleventy where or how
 * to build.
 */
type Data = Record<string, unknown>;

/** Where a page's front matter travels through Eleventy's data (see the module's comment). */
export const PAGE_DATA_KEY = "jekyllFrontMatter";

export class JekyllScope {
  private readonly site: Data;

  constructor(model: SiteModel) {
    const site: Data = { ...model.siteData, baseurl: model.settings.baseurl, data: model.data };
    let collections: Record<string, JekyllDocument[]> | undefined;
    // Listed when a template first uses one: most renders (a permalink, the sitemap) never do.
    for (const name of Object.keys(model.settings.collections)) {
      Object.defineProperty(site, name, { get: () => (collections ??= collectionsOf(model))[name] ?? [], enumerable: true, configurable: true });
    }
    this.site = site;
  }

  /** Eleventy's data for one render, with Jekyll's `site` and `page` in place. */
  scopeFor(data: Data): Data {
    if (!data || typeof data !== "object" || !("page" in data)) return data;
    const { [PAGE_DATA_KEY]: frontMatter, ...eleventyData } = data;
    const own = (frontMatter ?? {}) as Data;
    return { ...eleventyData, ...own, site: this.site, page: this.page(own, eleventyData.page as Data | undefined) };
  }

  private page(frontMatter: Data, eleventyPage: Data = {}): Data {
    const outputUrl = typeof eleventyPage.url === "string" ? eleventyPage.url : "";
    const baseurl = String(this.site.baseurl);
    return { ...frontMatter, ...eleventyPage, title: frontMatter.title ?? "", url: jekyllUrlFor(outputUrl, baseurl) };
  }
}
