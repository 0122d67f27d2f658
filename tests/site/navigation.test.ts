import { describe, expect, it } from "vitest";
import { breadcrumbs, NAV_ITEMS_PER_SECTION, siteNavigation } from "../../src/site/navigation.ts";
import { pageSummary } from "../../src/site/summaries.ts";

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

describe("siteNavigation", () => {
  it("orders a section's pages by weight, then title", () => {
    const [guides] = siteNavigation(site, "/");
    expect(guides!.items.map((item) => item.title)).toEqual(["First", "Last", "Alpha", "Zeta"]);
  });

  it("marks the current page and the section holding it", () => {
    const sections = siteNavigation(site, "/databases/mysql");
    expect(sections.map((section) => section.containsCurrent)).toEqual([false, true]);
    expect(sections[1]!.items[0]!.current).toBe(true);
    expect(sections[1]!.current).toBe(false);
  });

  it("names the setting when a section's collection doesn't exist", () => {
    expect(() => siteNavigation({ navigation: [{ title: "Guides", collection: "guide" }] }, "/")).toThrow(
      /_data\/site.yml: navigation section "Guides" lists collection "guide"/,
    );
  });

  it("lists a large section's first pages and the current one, leaving the rest to the section's page", () => {
    const many = Array.from({ length: NAV_ITEMS_PER_SECTION + 30 }, (_, i) => ({ title: `DB ${String(i).padStart(3, "0")}`, url: `/databases/${i}` }));
    const large = { navigation: [{ title: "Databases", url: "/databases", collection: "databases" }], databases: many };
    const [section] = siteNavigation(large, "/databases/70");
    expect(section!.items).toHaveLength(NAV_ITEMS_PER_SECTION + 1);
    expect(section!.items.at(-1)).toEqual({ title: "DB 070", url: "/databases/70", current: true });
    expect(section!.unlisted).toBe(29);
    expect(section!.containsCurrent).toBe(true);
  });

  it("has no sections when the site sets no navigation", () => {
    expect(siteNavigation({}, "/")).toEqual([]);
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
    const intro = "{% include misc/data-files.html %}\n\nIf your database isn't **public**, use a [tunnel](/x){:target=\"new\"}. More text.\n";
    expect(pageSummary({ summary: "", intro })).toBe("If your database isn't public, use a tunnel.");
  });

  it("is empty when there is nothing to take it from", () => {
    expect(pageSummary({ summary: "", intro: "{{ page.title }}" })).toBe("");
    expect(pageSummary({})).toBe("");
  });
});
