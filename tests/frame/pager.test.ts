import type { CheerioAPI } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";

// Previous / next at the foot of every page of a sidebar section, read from a build of the
// project's own site: the order must be the sidebar's, whatever the files' order on disk.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildProjectSite();
});
afterAll(() => site?.cleanup());

const pagerOf = ($: CheerioAPI) => {
  const nav = $('nav[aria-label="Previous and next"]');
  const link = (rel: string) => {
    const a = nav.find(`a[rel="${rel}"]`);
    return a.length === 0 ? null : { href: a.attr("href"), title: a.find(".pager-title").text() };
  };
  return { count: nav.length, prev: link("prev"), next: link("next") };
};

/** The sidebar's links of the section titled `title`, in order. */
async function sidebarOrder(title: string): Promise<string[]> {
  const $ = await site.page("/docs/");
  const group = $("nav.sidebar details.nav-group").filter((_, details) => $(details).children("summary").text().trim() === title);
  return group
    .find("a")
    .map((_, a) => $(a).attr("href"))
    .get()
    .filter((href) => !href.endsWith("pages"));
}

describe("previous and next links", () => {
  it("walk every page of a section in sidebar order, the section's own page first", async () => {
    const order = await sidebarOrder("Database integrations");
    expect(order[0]).toBe("/docs/integrations");
    expect(order.length).toBe(18);
    for (const [index, url] of order.entries()) {
      const pager = pagerOf(await site.page(url));
      expect(pager.count, url).toBe(1);
      expect(pager.prev?.href ?? null, url).toBe(order[index - 1] ?? null);
      expect(pager.next?.href ?? null, url).toBe(order[index + 1] ?? null);
    }
  });

  it("name the neighbouring pages, and link the two tutorials to each other", async () => {
    const generic = pagerOf(await site.page("/docs/common/databases/setting-up-ssh-tunnel-for-database-connection"));
    const amazon = pagerOf(await site.page("/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services"));
    expect(generic.next).toEqual({
      href: "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services",
      title: "Setting up an SSH Tunnel for a database in Amazon Web Services",
    });
    expect(amazon.prev).toEqual({
      href: "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection",
      title: "Setting up an SSH Tunnel for a database connection",
    });
    expect(generic.prev).toBeNull();
    expect(amazon.next).toBeNull();
  });

  it("are left off pages in no section", async () => {
    expect(pagerOf(await site.page("/docs/")).count).toBe(0);
    expect(pagerOf(await site.page("/docs/search")).count).toBe(0);
  });
});
