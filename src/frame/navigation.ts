/**
 * The site's navigation, from `navigation` in `_data/site.yml` and the collections it names:
 * the sidebar's sections and a page's breadcrumbs. URLs are Jekyll URLs (`/common/x`, no base
 * URL), like `page.url` and the collections' `url`.
 *
 * Every page carries the navigation, so what does not depend on the page (the sorted links,
 * which section holds which URL) is worked out once per build (see navigationIndex), and a
 * page only adds its own position to it.
 */

/**
 * The sidebar lists at most this many pages of a section (plus the current page); the section's
 * own page lists them all. Every page carries the sidebar, so listing every page of a large
 * collection would make the site's size grow with the square of its page count.
 */
export const NAV_ITEMS_PER_SECTION = 50;

export interface Breadcrumb {
  title: string;
  /** null for the current page, which is not linked. */
  url: string | null;
}

interface SectionSetting {
  title: string;
  url?: string;
  collection?: string;
  links?: Array<{ title: string; url: string }>;
}

type Site = Record<string, unknown>;

interface CollectionPage {
  title?: unknown;
  url?: unknown;
  weight?: unknown;
}

/** One section with its links in reading order, and where each URL sits among them. */
export interface IndexedSection {
  title: string;
  url: string | null;
  links: Array<{ title: string; url: string }>;
  positionOf: Map<string, number>;
}

function sectionSettings(site: Site): SectionSetting[] {
  const navigation = site.navigation;
  if (navigation == null) return [];
  if (!Array.isArray(navigation)) throw new Error("_data/site.yml: `navigation` must be a list of sections");
  return navigation.map((section: Partial<SectionSetting>, index) => {
    if (typeof section?.title !== "string" || section.title === "") {
      throw new Error(`_data/site.yml: navigation section ${index + 1} needs a \`title\``);
    }
    return section as SectionSetting;
  });
}

function collectionPages(site: Site, section: SectionSetting): CollectionPage[] | undefined {
  if (!section.collection) return undefined;
  const pages = site[section.collection];
  if (!Array.isArray(pages)) {
    throw new Error(`_data/site.yml: navigation section "${section.title}" lists collection "${section.collection}", which \`collections\` does not define`);
  }
  return pages;
}

/** A collection's pages in reading order: `weight` first (lowest first), then title. */
function sortLinks(pages: CollectionPage[]): Array<{ title: string; url: string }> {
  const weightOf = (page: CollectionPage) => (typeof page.weight === "number" ? page.weight : Number.POSITIVE_INFINITY);
  return pages
    .filter((page) => typeof page.url === "string" && typeof page.title === "string" && page.title !== "")
    .sort((a, b) => weightOf(a) - weightOf(b) || String(a.title).localeCompare(String(b.title), "en"))
    .map((page) => ({ title: String(page.title), url: String(page.url) }));
}

function indexSection(section: SectionSetting, pages: CollectionPage[] | undefined): IndexedSection {
  const links = [...(section.links ?? []), ...(pages ? sortLinks(pages) : [])];
  const positionOf = new Map<string, number>();
  links.forEach((link, position) => {
    if (!positionOf.has(link.url)) positionOf.set(link.url, position);
  });
  return { title: section.title, url: section.url ?? null, links, positionOf };
}

interface CachedIndex {
  /** The collection arrays the index was built from: a new build brings new arrays. */
  pages: Array<CollectionPage[] | undefined>;
  sections: IndexedSection[];
}

/** By the build's `navigation` setting (one array per build, from the data files). */
const indexes = new WeakMap<object, CachedIndex>();

/** The site's sections, indexed once per build. */
export function navigationIndex(site: unknown): IndexedSection[] {
  const siteData = (site ?? {}) as Site;
  const settings = sectionSettings(siteData);
  const pages = settings.map((section) => collectionPages(siteData, section));
  const key = siteData.navigation;
  const cached = typeof key === "object" && key !== null ? indexes.get(key) : undefined;
  if (cached?.pages.every((collection, i) => collection === pages[i])) return cached.sections;
  const sections = settings.map((section, i) => indexSection(section, pages[i]));
  if (typeof key === "object" && key !== null) indexes.set(key, { pages, sections });
  return sections;
}

/** The first links of a section, plus the current page's when it is further down. */
export function listedPositions(section: IndexedSection, currentUrl: unknown): number[] {
  const count = Math.min(section.links.length, NAV_ITEMS_PER_SECTION);
  const positions = Array.from({ length: count }, (_, i) => i);
  const current = typeof currentUrl === "string" ? section.positionOf.get(currentUrl) : undefined;
  if (current !== undefined && current >= count) positions.push(current);
  return positions;
}

/** Home › section › page; the home page itself has none. */
export function breadcrumbs(site: unknown, page: unknown): Breadcrumb[] {
  const { url, title } = (page ?? {}) as { url?: unknown; title?: unknown };
  if (url === "/" || typeof url !== "string") return [];
  const trail: Breadcrumb[] = [{ title: "Home", url: "/" }];
  const section = navigationIndex(site).find((candidate) => candidate.url !== url && candidate.positionOf.has(url));
  if (section) trail.push({ title: section.title, url: section.url });
  trail.push({ title: typeof title === "string" ? title : "", url: null });
  return trail;
}
