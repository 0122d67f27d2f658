import { relativeUrl } from "../model/urls.ts";
import { escapeHtml } from "../support/html.ts";
import { type IndexedSection, listedPositions, navigationIndex } from "./navigation.ts";

/**
 * The sidebar's sections as HTML: one collapsible group per navigation section, the current page
 * marked with aria-current; groups holding the current page (and the first group) start open.
 *
 * Written here rather than as a Liquid loop because every page carries it: a section's markup is
 * put together once per build, and a page rebuilds only the section that holds it.
 */

interface SectionMarkup {
  /** `<li>` per link, in the section's order. */
  items: string[];
  /** The whole group, for a page outside the section: closed, and open (the first group). */
  closed: string;
  open: string;
}

const markupBySection = new WeakMap<IndexedSection, SectionMarkup>();

const link = (href: string, text: string, current: boolean) =>
  `<li><a href="${escapeHtml(href)}"${current ? ' aria-current="page"' : ""}>${escapeHtml(text)}</a></li>`;

function group(section: IndexedSection, baseurl: string, open: boolean, items: string[], currentUrl: unknown): string {
  const overview = section.url === null ? "" : link(relativeUrl(section.url, baseurl), "Overview", section.url === currentUrl);
  const unlisted = section.links.length - items.length;
  const all = unlisted > 0 && section.url !== null ? link(relativeUrl(section.url, baseurl), `All ${section.links.length} pages`, false) : "";
  return [
    `<details class="nav-group"${open ? " open" : ""}>`,
    `<summary>${escapeHtml(section.title)}</summary>`,
    "<ul>",
    overview,
    ...items,
    all,
    "</ul>",
    "</details>",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

function markupOf(section: IndexedSection, baseurl: string): SectionMarkup {
  let markup = markupBySection.get(section);
  if (!markup) {
    const items = section.links.map((entry) => link(relativeUrl(entry.url, baseurl), entry.title, false));
    const listed = listedPositions(section, undefined).map((position) => items[position]!);
    markup = { items, closed: group(section, baseurl, false, listed, undefined), open: group(section, baseurl, true, listed, undefined) };
    markupBySection.set(section, markup);
  }
  return markup;
}

export function sidebarSections(site: unknown, currentUrl: unknown, baseurl: string): string {
  return navigationIndex(site)
    .map((section, index) => {
      const markup = markupOf(section, baseurl);
      const position = typeof currentUrl === "string" ? section.positionOf.get(currentUrl) : undefined;
      if (position === undefined && section.url !== currentUrl) return index === 0 ? markup.open : markup.closed;
      const items = listedPositions(section, currentUrl).map((listed) =>
        listed === position ? link(relativeUrl(section.links[listed]!.url, baseurl), section.links[listed]!.title, true) : markup.items[listed]!,
      );
      return group(section, baseurl, true, items, currentUrl);
    })
    .join("\n");
}
