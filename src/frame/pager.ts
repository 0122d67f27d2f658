import { navigationIndex } from "./navigation.ts";

/**
 * Previous / next links at the foot of a page: its neighbours in the sidebar section that holds
 * it, in sidebar order (the section's own page first, as "Overview" is in the sidebar, then its
 * links). A page in no section (the home page, search, 404) has neither. Both are null rather
 * than undefined: the footer's `if` must not look up an undefined variable.
 */

export interface PagerLink {
  title: string;
  /** A Jekyll URL (`/common/x`, no base URL), like `page.url`. */
  url: string;
}

export interface Pager {
  previous: PagerLink | null;
  next: PagerLink | null;
}

const NONE: Pager = { previous: null, next: null };

export function pagerOf(site: unknown, page: unknown): Pager {
  const url = (page as { url?: unknown } | undefined)?.url;
  if (typeof url !== "string") return NONE;
  for (const section of navigationIndex(site)) {
    const position = section.url === url ? -1 : section.positionOf.get(url);
    if (position === undefined) continue;
    const sequence: PagerLink[] = section.url === null ? section.links : [{ title: section.title, url: section.url }, ...section.links];
    const index = section.url === null ? position : position + 1;
    return { previous: sequence[index - 1] ?? null, next: sequence[index + 1] ?? null };
  }
  return NONE;
}
