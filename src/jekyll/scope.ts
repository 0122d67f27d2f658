import { collectionsOf, isPublished, type JekyllDocument } from "../model/collections.ts";
import { MARKDOWN_EXTENSIONS, pathParts } from "../model/permalinks.ts";
import { localTime } from "../model/post-dates.ts";
import type { SiteModel, SourcePage } from "../model/site-model.ts";
import { jekyllUrlFor } from "../model/urls.ts";
import { DocumentContents, PAGES_FIRST_PLACE } from "./document-renders.ts";
import { addDocumentLinks, type ExcerptRenderer, NEWEST_POSTS_CONSIDERED, postsBy, relatedPosts, withDocumentLinks } from "./documents-scope.ts";

/**
 * Jekyll's names for what a template sees, from the site model and what Eleventy hands each
 * render: `site` (the settings of `_data/site.yml`, or every key of a Jekyll site's
 * `_config.yml`; `site.data.*`; the collections as `site.<name>`; a Jekyll site's `site.pages`,
 * `site.collections`, `site.posts`, `site.categories`, `site.tags` and, for a document,
 * `site.related_posts`: documents-scope.ts), `page` (the page's front matter, Jekyll's own page variables,
 * `page.url` without the base URL), `layout` (the layouts' front matter, the nearest layout's
 * keys first, as Jekyll merges them), and the page's front matter at the top level too, as the
 * tutorials and the theme's layouts use it.
 *
 * Eleventy never sees a page's front matter as its own data: it gets it under PAGE_DATA_KEY,
 * beside the few keys it acts on (`layout`, `permalink`), so that nothing an author writes
 * (`permalinkBypassOutputDir`, `pagination`, `eleventyComputed`) can tell Eleventy where or how
 * to build.
 */

type Data = Record<string, unknown>;

/** Where a page's front matter travels through Eleventy's data (see the module's comment). */
export const PAGE_DATA_KEY = "jekyllFrontMatter";
/** Jekyll's own variables of a page (`url`, `path`, `name`, `id`, ...), for a Jekyll site. */
export const PAGE_VARS_KEY = "jekyllPageVariables";
/** A layout's front matter (Eleventy merges the chain's, the nearest layout's keys winning). */
export const LAYOUT_DATA_KEY = "jekyllLayout";

/** Jekyll's `jekyll` variable: `jekyll.environment` is JEKYLL_ENV, as Jekyll reads it. */
const JEKYLL_VARIABLE = { environment: process.env.JEKYLL_ENV ?? "development", version: "4.3.1" };

/** A property worked out at its first read (most renders never read it), then kept. */
const lazy = (target: Data, key: string, get: () => unknown) => {
  let made: { value: unknown } | undefined;
  Object.defineProperty(target, key, {
    get: () => {
      made ??= { value: get() };
      return made.value;
    },
    enumerable: true,
    configurable: true,
  });
};

export class JekyllScope {
  private readonly site: Data;
  private readonly jekyll: boolean;
  private readonly listed: () => Record<string, JekyllDocument[]>;
  private documentsByPath: Map<string, JekyllDocument> | undefined;
  /** `site` for documents' renders, by the path of a newest post, "" for every other document (siteFor). */
  private readonly documentSites = new Map<string, Data>();
  /** Documents' `content` as other templates read it (a Jekyll site's). */
  private readonly contents: DocumentContents | undefined;
  /** A Jekyll site's pages and documents, by their `path`. */
  private readonly pagesByPath: ReadonlyMap<string, SourcePage>;

  /** `renderExcerpt` renders documents' excerpts (a Jekyll site's); without it they have none. */
  constructor(model: SiteModel, renderExcerpt?: ExcerptRenderer) {
    this.jekyll = model.kind === "jekyll";
    const contents = this.jekyll && renderExcerpt ? new DocumentContents(renderExcerpt) : undefined;
    this.contents = contents;
    const site: Data = { ...model.siteData, baseurl: model.settings.baseurl, data: model.data };
    const pagesByPath = new Map(model.pages.filter((page) => page.jekyll).map((page) => [String(page.jekyll!.path), page]));
    this.pagesByPath = pagesByPath;
    if (this.jekyll) Object.assign(site, { url: model.settings.url, related_posts: null, ...jekyllSiteLists(model, contents) });
    let collections: Record<string, JekyllDocument[]> | undefined;
    const listed = () => {
      if (collections) return collections;
      collections = collectionsOf(model);
      if (this.jekyll) {
        addDocumentLinks(collections, pagesByPath, site, renderExcerpt, contents);
        // Jekyll renders the documents in site.documents' order.
        contents?.setOrder(documentsOf(collections));
      }
      return collections;
    };
    this.listed = listed;
    // Listed when a template first uses one: most renders (a permalink, the sitemap) never do.
    const names = this.jekyll ? model.jekyllCollections.map((collection) => collection.label) : Object.keys(model.settings.collections);
    for (const name of names) {
      if (this.jekyll && name === "posts") continue;
      Object.defineProperty(site, name, { get: () => listed()[name] ?? [], enumerable: true, configurable: true });
    }
    if (this.jekyll) {
      lazy(site, "posts", () => [...(listed().posts ?? [])].reverse());
      lazy(site, "categories", () => postsBy(listed().posts ?? [], "categories"));
      lazy(site, "tags", () => postsBy(listed().posts ?? [], "tags"));
      lazy(site, "documents", () => documentsOf(listed()));
      // Sorted by label, as Jekyll lists them.
      const collectionList = () =>
        [
          ...model.jekyllCollections.map((settings) => ({
            label: settings.label,
            docs: listed()[settings.label] ?? [],
            files: [],
            output: settings.output,
            permalink: settings.permalink,
            relative_directory: settings.directory,
            directory: `${model.root}/${settings.directory}`,
          })),
        ].sort((a, b) => (a.label < b.label ? -1 : 1));
      let list: Data[] | undefined;
      Object.defineProperty(site, "collections", { get: () => (list ??= collectionList()), enumerable: true, configurable: true });
    }
    this.site = site;
  }

  /** Eleventy's data for one render, with Jekyll's `site` and `page` in place. */
  scopeFor(data: Data): Data {
    if (!data || typeof data !== "object" || !("page" in data)) return data;
    const { [PAGE_DATA_KEY]: frontMatter, [PAGE_VARS_KEY]: vars, [LAYOUT_DATA_KEY]: layout, ...eleventyData } = data;
    const own = (frontMatter ?? {}) as Data;
    const page = this.page(own, eleventyData.page as Data | undefined, vars as Data | undefined);
    // Documents' `content` depends on which document is rendering (document-renders.ts).
    this.contents?.readingAs((vars as Data | undefined)?.path);
    // The front matter at the top level too: the theme's layouts read it so (`{{ title }}`).
    if (this.jekyll)
      return { ...eleventyData, ...own, site: this.siteFor(page, vars as Data | undefined), page, layout: layout ?? {}, jekyll: JEKYLL_VARIABLE };
    return { ...eleventyData, ...own, site: this.site, page };
  }

  /** The site's variables (for what renders outside a page: excerpts). */
  get siteVariables(): Data {
    return this.site;
  }

  /** A document's listed self (with `next`, `previous`, `excerpt`), by its path. */
  private documentAt(path: unknown): JekyllDocument | undefined {
    if (!this.documentsByPath) {
      this.documentsByPath = new Map(
        Object.values(this.listed()).flatMap((documents) => documents.map((document) => [String(document.path), document] as const)),
      );
    }
    return this.documentsByPath.get(String(path));
  }

  /**
   * `site` for one render: a document (a post or another collection's) has its
   * `site.related_posts`; a page has nil. Related posts leave out only the document itself from
   * the newest posts, so every document but those newest posts shares one `site`: copying the
   * site's variables for each document's render was 2% of a 1,100-page build.
   */
  private siteFor(page: Data, vars: Data | undefined): Data {
    if (typeof vars?.collection !== "string") return this.site;
    const ownList =
      vars.collection === "posts" && (this.site.posts as JekyllDocument[]).slice(0, NEWEST_POSTS_CONSIDERED).some((post) => post.path === page.path);
    const key = ownList ? String(page.path) : "";
    let site = this.documentSites.get(key);
    if (!site) {
      site = Object.defineProperties({}, Object.getOwnPropertyDescriptors(this.site)) as Data;
      lazy(site, "related_posts", () => relatedPosts(this.site.posts as JekyllDocument[], page.path));
      this.documentSites.set(key, site);
    }
    return site;
  }

  private page(frontMatter: Data, eleventyPage: Data = {}, vars?: Data): Data {
    // Its own `content`, while it renders, is its text as written (Jekyll's Renderer sets it after).
    const own = vars ? { content: this.pagesByPath.get(String(vars.path))?.body ?? "", ...frontMatter, ...vars } : undefined;
    if (own && typeof vars?.collection === "string") return withDocumentLinks(own, this.documentAt(vars.path));
    // A page has an excerpt only with `page_excerpts: true` (not done here: reported), else nil.
    if (own) return { excerpt: null, ...own };
    const outputUrl = typeof eleventyPage.url === "string" ? eleventyPage.url : "";
    const baseurl = String(this.site.baseurl);
    return { ...frontMatter, ...eleventyPage, title: frontMatter.title ?? "", url: jekyllUrlFor(outputUrl, baseurl) };
  }
}

/**
 * Site#documents: every collection's documents, the posts' first, then each other collection in
 * its order (a collection's static files, which Jekyll adds too, are not among them here).
 */
function documentsOf(collections: Record<string, JekyllDocument[]>): JekyllDocument[] {
  const labels = ["posts", ...Object.keys(collections).filter((label) => label !== "posts")];
  return labels.flatMap((label) => collections[label] ?? []);
}

/**
 * A Jekyll site's `site.pages` (each with `excerpt`, nil, and `content`: document-renders.ts),
 * `site.html_pages` and `site.static_files`.
 */
function jekyllSiteLists(model: SiteModel, contents: DocumentContents | undefined): Data {
  const listed = model.pages.filter((page) => page.collection === undefined && page.data && isPublished(page));
  const pages: Data[] = listed.map((page) => ({ excerpt: null, ...page.data, ...page.jekyll, url: page.url })).sort(byJekyllPageOrder);
  if (contents) {
    const byPath = new Map(listed.map((page) => [String(page.jekyll?.path), page]));
    for (const entry of pages) {
      const page = byPath.get(String(entry.path));
      if (!page) continue;
      const markdown = MARKDOWN_EXTENSIONS.has(pathParts(page.file).extension);
      Object.defineProperty(entry, "content", { get: () => contents.contentOf(entry, page.body, markdown), enumerable: true, configurable: true });
    }
    contents.setOrder(pages, PAGES_FIRST_PLACE);
  }
  const staticFiles = model.assets
    .filter((asset) => !asset.theme)
    .map((asset) => {
      const name = asset.output.slice(asset.output.lastIndexOf("/") + 1);
      const dot = name.lastIndexOf(".");
      return { path: `/${asset.output}`, name, extname: dot > 0 ? name.slice(dot) : "", basename: dot > 0 ? name.slice(0, dot) : name };
    });
  return {
    pages,
    // Page#html?: an output extension of HTML's (`.htm` too), or a folder's index.
    html_pages: pages.filter((page) => /(\/|\.html|\.htm|\.xhtml)$/.test(String(page.url))),
    static_files: staticFiles,
    // When the build started, in the site's zone (Jekyll's `site.time`).
    time: localTime(model.startedAt ?? Date.now(), model.settings.timeZone),
  };
}

/**
 * Reader#sort_files: pages by file name; pages of one name in the order Jekyll read them (a
 * folder's subfolders before its own files).
 */
function byJekyllPageOrder(a: Data, b: Data): number {
  const [nameA, nameB] = [String(a.name), String(b.name)];
  if (nameA !== nameB) return nameA < nameB ? -1 : 1;
  const readingKey = (page: Data) =>
    String(page.path)
      .split("/")
      .map((segment, index, all) => `${index === all.length - 1 ? "1" : "0"}${segment}`)
      .join("/");
  return readingKey(a) < readingKey(b) ? -1 : 1;
}
