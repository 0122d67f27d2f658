import { collectionsOf } from "../model/collections.ts";
import { hasMarkdownCopy, markdownCopyPathFor } from "../model/machine-files.ts";
import type { SiteModel, SourcePage } from "../model/site-model.ts";
import { navigationIndex } from "./navigation.ts";
import { pageSummary } from "./summaries.ts";

/**
 * `<baseurl>/llms.txt`, after the llms.txt proposal (https://llmstxt.org/): the site's title as
 * `# h1`, its description as `> quote`, then the sidebar's sections as `## h2`, each listing its
 * pages in sidebar order (the section's own page first) as `- [Title](url): summary`. Every link
 * is a page's Markdown copy (src/model/machine-files.ts), the page itself being at the same
 * address without `.md`. Pages in no section come last, under "Other pages"; pages without a copy
 * (`sitemap: false`: the 404 and search pages) and redirects are not listed.
 */

interface Entry {
  title: string;
  url: string;
  summary: string;
}

/** Markdown link text: brackets and backslashes would end or break the link. */
const linkText = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\[\]]/g, "\\$&");
/**
 * A Markdown link destination: a Jekyll URL may keep `(` and `)` (`/people/(team)/`), and an
 * unbalanced one would end the link, so both are percent-encoded (the same address to a host).
 */
const linkDestination = (url: string) => url.replace(/[()]/g, (char) => (char === "(" ? "%28" : "%29"));
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function llmsTxt(model: SiteModel, pages: readonly SourcePage[]): string {
  const { baseurl, url: siteUrl } = model.settings;
  const entries = new Map<string, Entry>();
  for (const page of pages) {
    if (!hasMarkdownCopy(page.data, page.url)) continue;
    const title = typeof page.data!.title === "string" && page.data!.title !== "" ? page.data!.title : page.url;
    entries.set(page.url, { title, url: `${siteUrl}${markdownCopyPathFor(page.url, baseurl)}`, summary: pageSummary(page.data) });
  }
  const listed = new Set<string>();
  const take = (url: string | null): Entry[] => {
    const entry = url === null ? undefined : entries.get(url);
    if (!entry || listed.has(url!)) return [];
    listed.add(url!);
    return [entry];
  };
  const site = { ...model.siteData, ...collectionsOf(model) };
  const sections = navigationIndex(site).map((section) => ({
    title: section.title,
    entries: [...take(section.url), ...section.links.flatMap((link) => take(link.url))],
  }));
  sections.push({ title: "Other pages", entries: [...entries.keys()].sort().flatMap(take) });

  const description = typeof model.siteData.description === "string" ? oneLine(model.siteData.description) : "";
  const title = typeof model.siteData.title === "string" ? oneLine(model.siteData.title) : "";
  const lines = [`# ${title}`, ""];
  if (description !== "") lines.push(`> ${description}`, "");
  lines.push("Each link below is the Markdown copy of a page; the page itself is at the same address without `.md`.");
  for (const section of sections.filter((candidate) => candidate.entries.length > 0)) {
    lines.push("", `## ${oneLine(section.title)}`, "");
    for (const entry of section.entries) {
      lines.push(`- [${linkText(entry.title)}](${linkDestination(entry.url)})${entry.summary === "" ? "" : `: ${oneLine(entry.summary)}`}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
