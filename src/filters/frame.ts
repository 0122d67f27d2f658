import path from "node:path";
import type { GitHistory } from "../frame/git-history.ts";
import { breadcrumbs } from "../frame/navigation.ts";
import { pagerOf } from "../frame/pager.ts";
import { sidebarSections } from "../frame/sidebar.ts";
import { pageSummary } from "../frame/summaries.ts";
import { MONTH_NAMES } from "../support/calendar.ts";

/**
 * Liquid filters for the frame around every page (`_includes/site/`): navigation, breadcrumbs,
 * previous / next links, descriptions, the "Edit this page" link and the "Last updated" date.
 */

export interface PageFrameOptions {
  /** The project's root: edit links name files relative to it. */
  root: string;
  baseurl: string;
  history: GitHistory;
}

/** Eleventy's `page.inputPath` is relative to the process's working folder. */
function sourceFile(inputPath: unknown): string | undefined {
  return typeof inputPath === "string" && inputPath !== "" ? path.resolve(inputPath) : undefined;
}

/**
 * `site.edit-url` with `{path}` replaced by the source file's path in the repository, e.g.
 * `https://github.com/org/repo/edit/main/{path}`; "" when the setting is empty or absent.
 */
export function editUrl(inputPath: unknown, site: unknown, root: string): string {
  const template = (site as Record<string, unknown> | undefined)?.["edit-url"];
  const file = sourceFile(inputPath);
  if (typeof template !== "string" || template.trim() === "" || !file) return "";
  const relative = path.relative(root, file).split(path.sep).join("/");
  return template.replace("{path}", relative.split("/").map(encodeURIComponent).join("/"));
}

/** `2024-05-12T09:30:00+02:00` -> `12 May 2024`, in the date's own time zone (no machine locale). */
export function readableDate(iso: unknown): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ""));
  if (!match) return "";
  return `${Number(match[3])} ${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}`;
}

export function pageFrameFilters({ root, baseurl, history }: PageFrameOptions) {
  return {
    sidebar_sections: (site: unknown, currentUrl: unknown) => sidebarSections(site, currentUrl, baseurl),
    breadcrumbs,
    pager: pagerOf,
    edit_url: (inputPath: unknown, site: unknown) => editUrl(inputPath, site, root),
    last_updated: (inputPath: unknown) => {
      const file = sourceFile(inputPath);
      return (file && history.lastChanged(file)) ?? "";
    },
    readable_date: readableDate,
    page_summary: pageSummary,
  };
}
