/**
 * The site's navigation, from `navigation` in `_data/site.yml` and the collections it names:
 * the sidebar's sections and a page's breadcrumbs. URLs are Jekyll URLs (`/common/x`, no base
 * URL), like `page.url` and the collections' `url`.
 */
export interface NavLink {
  title: string;
  url: string;
  current: boolean;
}

export interface NavSection {
  title: string;
  /** The section's own page (`/integrations`), if it has one. */
  url: string | null;
  /** The section's page is the current page. */
  current: boolean;
  /** The current page is the section's page or one of its items. */
  containsCurrent: boolean;
  items: NavLink[];
  /** Pages of the section not listed in the sidebar (see NAV_ITEMS_PER_SECTION). */
  unlisted: number;
}

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

/** Sorted links by collection array: a collection is the same array for a whole build. */
const sortedLinks = new WeakMap<CollectionPage[], Array<{ title: string; url: string }>>();

/** A collection's pages in reading order: `weight` first (lowest first), then title. */
function collectionLinks(site: Site, section: SectionSetting): Array<{ title: string; url: string }> {
  if (!section.collection) return [];
  const pages = site[section.collection];
  if (!Array.isArray(pages)) {
    throw new Error(
      `_data/site.yml: navigation section "${section.title}" lists collection "${section.collection}", which \`collections\` does not define`,
    );
  }
  let links = sortedLinks.get(pages);
  if (!links) sortedLinks.set(pages, (links = sortLinks(pages)));
  return links;
}

function sortLinks(pages: CollectionPage[]): Array<{ title: string; url: string }> {
  const weightOf = (page: CollectionPage) => (typeof page.weight === "number" ? page.weight : Number.POSITIVE_INFINITY);
  return pages
    .filter((page) => typeof page.url === "string" && typeof page.title === "string" && page.title !== "")
    .sort((a, b) => weightOf(a) - weightOf(b) || String(a.title).localeCompare(String(b.title), "en"))
    .map((page) => ({ title: String(page.title), url: String(page.url) }));
}

export function siteNavigation(site: unknown, currentUrl: unknown): NavSection[] {
  const siteData = (site ?? {}) as Site;
  return sectionSettings(siteData).map((section) => {
    const links = [...(section.links ?? []), ...collectionLinks(siteData, section)];
    const currentIndex = links.findIndex((link) => link.url === currentUrl);
    const listed = links.filter((_, index) => index < NAV_ITEMS_PER_SECTION || index === currentIndex);
    const items = listed.map((link) => ({ ...link, current: link.url === currentUrl }));
    const url = section.url ?? null;
    const current = url !== null && url === currentUrl;
    return { title: section.title, url, current, containsCurrent: current || currentIndex >= 0, items, unlisted: links.length - listed.length };
  });
}

/** Home › section › page; the home page itself has none. */
export function breadcrumbs(site: unknown, page: unknown): Breadcrumb[] {
  const { url, title } = (page ?? {}) as { url?: unknown; title?: unknown };
  if (url === "/" || typeof url !== "string") return [];
  const trail: Breadcrumb[] = [{ title: "Home", url: "/" }];
  const section = siteNavigation(site, url).find((candidate) => candidate.containsCurrent && !candidate.current);
  if (section) trail.push({ title: section.title, url: section.url });
  trail.push({ title: typeof title === "string" ? title : "", url: null });
  return trail;
}
