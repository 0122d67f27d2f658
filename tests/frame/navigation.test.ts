import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { breadcrumbs, NAV_ITEMS_PER_SECTION } from "../../src/frame/navigation.ts";
import { sidebarSections } from "../../src/frame/sidebar.ts";
import { pageSummary } from "../../src/frame/summaries.ts";

const site = {
  navigation: [
    { title: "Guides", collection: "guides" },
    { title: "Databases", url: "/databases", collection: "databases" },
  ],
  guides: [
    { title: "Zeta", url: "/guides/zeta" },
    { title: "Alpha", url: "/guides/alpha" },
    { title: "Last", url: "/guides/last", weight: 2 },
    { title: "First", url: "/guides/first", weight: 1 },
  ],
  databases: [{ title: "MySQL", url: "/databases/mysql" }],
};

/** The sidebar's groups as data: title, open, and each link's text, href and aria-current. */
function sidebar(siteData: unknown, currentUrl: string) {
  const $ = load(sidebarSections(siteData, currentUrl, "/docs"));
  return $("details.nav-group")
    .map((_, group) => ({
      title: $(group).children("summary").text(),
      open: $(group).attr("open") !== undefined,
      links: $(group)
        .find("a")
        .map((_, a) => ({ text: $(a).text(), href: $(a).attr("href"), current: $(a).attr("aria-current") === "page" }))
        .get(),
    }))
    .get();
}

describe("sidebarSections", () => {
  it("orders a section's pages by weight, then title, behind the base URL", () => {
    const [guides] = sidebar(site, "/");
    expect(guides!.links.map((link) => link.text)).toEqual(["First", "Last", "Alpha", "Zeta"]);
    expect(guides!.links[0]!.href).toBe("/docs/guides/first");
  });

  it("marks the current page, and only it, and opens its section and the first", () => {
    const groups = sidebar(site, "/databases/mysql");
    expect(groups.map((group) => group.open)).toEqual([true, true]);
    expect(groups.flatMap((group) => group.links).filter((link) => link.current)).toEqual([{ text: "MySQL", href: "/docs/databases/mysql", current: true }]);
    expect(groups[1]!.links[0]).toEqual({ text: "Overview", href: "/docs/databases", current: false });
    expect(sidebar(site, "/guides/alpha").map((group) => group.open)).toEqual([true, false]);
  });

  it("marks the section's own page as its current overview", () => {
    const [, databases] = sidebar(site, "/databases");
    expect(databases!.open).toBe(true);
    expect(databases!.links[0]).toEqual({ text: "Overview", href: "/docs/databases", current: true });
  });

  it("escapes titles", () => {
    const [guides] = sidebar({ navigation: [{ title: "A & <B>", collection: "guides" }], guides: [{ title: '"Q" & A', url: "/q" }] }, "/");
    expect(guides!.title).toBe("A & <B>");
    expect(guides!.links[0]!.text).toBe('"Q" & A');
  });

  it("names the setting when a section's collection doesn't exist", () => {
    expect(() => sidebarSections({ navigation: [{ title: "Guides", collection: "guide" }] }, "/", "")).toThrow(
      /_data\/site.yml: navigation section "Guides" lists collection "guide"/,
    );
  });

  it("lists a large section's first pages and the current one, leaving the rest to the section's page", () => {
    const many = Array.from({ length: NAV_ITEMS_PER_SECTION + 30 }, (_, i) => ({ title: `DB ${String(i).padStart(3, "0")}`, url: `/databases/${i}` }));
    const large = { navigation: [{ title: "Databases", url: "/databases", collection: "databases" }], databases: many };
    const [section] = sidebar(large, "/databases/70");
    // Overview, the first pages, the current one, then "All N pages".
    expect(section!.links).toHaveLength(NAV_ITEMS_PER_SECTION + 3);
    expect(section!.links.at(-2)).toEqual({ text: "DB 070", href: "/docs/databases/70", current: true });
    expect(section!.links.at(-1)).toEqual({ text: `All ${NAV_ITEMS_PER_SECTION + 30} pages`, href: "/docs/databases", current: false });
    const [elsewhere] = sidebar(large, "/");
    expect(elsewhere!.links).toHaveLength(NAV_ITEMS_PER_SECTION + 2);
    expect(elsewhere!.links.some((link) => link.current)).toBe(false);
  });

  it("is empty when the site sets no navigation", () => {
    expect(sidebarSections({}, "/", "")).toBe("");
  });
});

describe("breadcrumbs", () => {
  it("link the section's page when it has one", () => {
    expect(breadcrumbs(site, { url: "/databases/mysql", title: "MySQL" })).toEqual([
      { title: "Home", url: "/" },
      { title: "Databases", url: "/databases" },
      { title: "MySQL", url: null },
    ]);
  });

  it("name a section without a page, unlinked", () => {
    expect(breadcrumbs(site, { url: "/guides/alpha", title: "Alpha" })[1]).toEqual({ title: "Guides", url: null });
  });

  it("go straight from home to a page outside every section", () => {
    expect(breadcrumbs(site, { url: "/about", title: "About" })).toEqual([
      { title: "Home", url: "/" },
      { title: "About", url: null },
    ]);
  });
});

describe("pageSummary", () => {
  it("is the summary when there is one", () => {
    expect(pageSummary({ summary: " Short. ", intro: "Long intro." })).toBe("Short.");
  });

  it("falls back to the first sentence of the intro's first paragraph without Liquid", () => {
    const intro = '{% include misc/data-files.html %}\n\nIf your database isn\'t **public**, use a [tunnel](/x){:target="new"}. More text.\n';
    expect(pageSummary({ summary: "", intro })).toBe("If your database isn't public, use a tunnel.");
  });

  it("is empty when there is nothing to take it from", () => {
    expect(pageSummary({ summary: "", intro: "{{ page.title }}" })).toBe("");
    expect(pageSummary({})).toBe("");
  });
});
