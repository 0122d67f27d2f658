import { readdirSync } from "node:fs";
import { FrontMatterSource, loadFolderCollections, parsedFrontMatter, type JekyllDocument } from "../model/collections.ts";
import { jekyllUrlFor } from "../model/urls.ts";

/**
 * Eleventy hands templates its data cascade; the tutorials were written for Jekyll's names.
 * This builds Jekyll's `site` (settings + `site.data.*` + collections as `site.<name>`) and
 * `page` (front matter + `page.url` without the base URL) from what Eleventy provides.
 */
type Data = Record<string, unknown>;

/** Keys Eleventy adds to every page's data; they are not front matter. */
const ELEVENTY_KEYS = new Set(["page", "eleventy", "collections", "pkg", "eleventyComputed", "content", "site"]);

export interface JekyllScopeOptions {
  inputDir: string;
  dataDir: string;
  baseurl: string;
  /** Collection name -> folder below inputDir. */
  collections: Record<string, string>;
}

export class JekyllScope {
  private dataKeys: Set<string> | undefined;
  private collections: Record<string, JekyllDocument[]> | undefined;
  private readonly collectionPages = new FrontMatterSource();

  constructor(private readonly options: JekyllScopeOptions) {}

  /** Call at the start of each build: data files and collection pages may have changed. */
  reset(): void {
    this.dataKeys = undefined;
    this.collections = undefined;
    this.collectionPages.useParsed(new Map());
  }

  /**
   * Hands over the pages Eleventy has read for this build (from a collection callback, which
   * runs before any page is rendered), so that collection pages are not parsed twice.
   */
  async useEleventyPages(items: Parameters<typeof parsedFrontMatter>[0]): Promise<void> {
    this.collectionPages.useParsed(await parsedFrontMatter(items));
    this.collections = undefined;
  }

  /** Eleventy's data for one render, with Jekyll's `site` and `page` in place. */
  scopeFor(data: Data): Data {
    if (!data || typeof data !== "object" || !("page" in data)) return data;
    return { ...data, site: this.site(data), page: this.page(data) };
  }

  private globalDataKeys(): Set<string> {
    if (!this.dataKeys) {
      const entries = safeReaddir(this.options.dataDir);
      this.dataKeys = new Set(entries.map((name) => name.replace(/\.(ya?ml|json)$/, "")));
    }
    return this.dataKeys;
  }

  /** The keys of Eleventy's data for a page that are the page's own front matter. */
  frontMatterKeys(data: Data): string[] {
    const dataKeys = this.globalDataKeys();
    return Object.keys(data).filter((key) => !ELEVENTY_KEYS.has(key) && !dataKeys.has(key));
  }

  private frontMatter(data: Data): Data {
    return Object.fromEntries(this.frontMatterKeys(data).map((key) => [key, data[key]]));
  }

  private page(data: Data): Data {
    const eleventyPage = (data.page ?? {}) as Data;
    const outputUrl = typeof eleventyPage.url === "string" ? eleventyPage.url : "";
    return {
      ...this.frontMatter(data),
      ...eleventyPage,
      title: data.title ?? "",
      url: jekyllUrlFor(outputUrl, this.options.baseurl),
    };
  }

  private collection(name: string): JekyllDocument[] {
    this.collections ??= loadFolderCollections(this.options.inputDir, this.options.collections, (file) => this.collectionPages.of(file));
    return this.collections[name] ?? [];
  }

  private site(data: Data): Data {
    const siteData: Data = {};
    for (const key of this.globalDataKeys()) siteData[key] = data[key];
    const site: Data = { ...(data.site as Data | undefined), baseurl: this.options.baseurl, data: siteData };
    // Listed when a template first uses one: Eleventy renders permalinks before it has read every page.
    for (const name of Object.keys(this.options.collections)) {
      Object.defineProperty(site, name, { get: () => this.collection(name), enumerable: true, configurable: true });
    }
    return site;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith("."));
  } catch {
    return [];
  }
}

