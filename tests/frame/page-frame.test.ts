import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";

// The frame around every page, read from a build of the project's own site.
const GENERIC = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const REDSHIFT = "/docs/destinations/redshift/connecting-redshift-data-warehouse-to-stitch";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildProjectSite();
});
afterAll(() => site?.cleanup());

describe("sidebar navigation", () => {
  it("has a section per navigation entry, listing each collection's pages", async () => {
    const $ = await site.page(GENERIC);
    const sections = $("nav.sidebar details.nav-group")
      .map((_, group) => $(group).children("summary").text().trim())
      .get();
    expect(sections).toEqual(["SSH tunnels", "Database integrations", "Destinations", "Security"]);
    const tunnels = $("nav.sidebar details.nav-group").first().find("a");
    expect(tunnels.map((_, a) => $(a).attr("href")).get()).toEqual([GENERIC, AMAZON]);
    const integrations = $("nav.sidebar details.nav-group").eq(1).find("a");
    // The section's own page first, then its 17 databases.
    expect(integrations.first().attr("href")).toBe("/docs/integrations");
    expect(integrations.length).toBe(18);
  });

  it("marks the current page, and only it, with aria-current, in an open section", async () => {
    const $ = await site.page(REDSHIFT);
    const current = $("nav.sidebar a[aria-current]");
    expect(current.length).toBe(1);
    expect(current.attr("aria-current")).toBe("page");
    expect(current.attr("href")).toBe(REDSHIFT);
    expect(current.closest("details").children("summary").text()).toBe("Destinations");
    expect(current.closest("details").attr("open")).toBeDefined();
    expect($("nav.sidebar details.nav-group").eq(1).attr("open")).toBeUndefined();
  });
});

describe("breadcrumbs", () => {
  it("lead from home through the section to the page", async () => {
    const $ = await site.page(REDSHIFT);
    const crumbs = $("nav.breadcrumbs li");
    expect(crumbs.map((_, li) => $(li).text().trim()).get()).toEqual(["Home", "Destinations", "Amazon Redshift"]);
    expect(crumbs.eq(0).find("a").attr("href")).toBe("/docs/");
    expect(crumbs.eq(1).find("a").attr("href")).toBe("/docs/destinations");
    expect(crumbs.eq(2).find("[aria-current=page]").length).toBe(1);
  });

  it("are left off the home page", async () => {
    const $ = await site.page("/docs/");
    expect($("nav.breadcrumbs").length).toBe(0);
  });
});

describe("table of contents", () => {
  it("lists every step and substep of the tree, nested, linking to the headings' anchors", async () => {
    const $ = await site.page(AMAZON);
    const toc = $("nav.toc");
    const targets = toc
      .find("a")
      .map((_, a) => $(a).attr("href"))
      .get();
    const headings = $("article.tutorial :is(section.step, section.requirements, section.next-steps) > :is(h2, h3, h4)[id]")
      .map((_, h) => `#${$(h).attr("id")}`)
      .get();
    expect(headings.length).toBe(12);
    expect(targets).toEqual(headings);
    expect(targets).toContain("#verify-database-vpc");
    // Step 2.2.1 sits three lists deep.
    const deepest = toc.find('a[href="#find-database-port"]');
    expect(deepest.parents("ol").length).toBe(3);
    expect(deepest.text().replace(/\s+/g, " ").trim()).toBe("2.2.1 Find the database’s port");
  });

  it("is only on tutorials", async () => {
    expect((await site.page("/docs/integrations"))("nav.toc").length).toBe(0);
  });
});

describe("step headings", () => {
  it("each have a self-link beside them", async () => {
    const $ = await site.page(GENERIC);
    const headings = $("section.step > h2[id]");
    expect(headings.length).toBe(5);
    headings.each((_, heading) => {
      const link = $(heading).prev("a.heading-anchor");
      expect(link.attr("href")).toBe(`#${$(heading).attr("id")}`);
      expect(link.find(".visually-hidden").text()).toMatch(/^Link to Step \d/);
    });
  });
});

describe("head", () => {
  it("has the summary as description and an absolute canonical URL", async () => {
    const $ = await site.page(AMAZON);
    expect($('meta[name="description"]').attr("content")).toMatch(/^Connect Stitch to an Amazon RDS/);
    expect($('link[rel="canonical"]').attr("href")).toBe(`https://www.stitchdata.com${AMAZON}`);
  });

  it("falls back to the intro's first sentence when the summary is empty", async () => {
    const $ = await site.page(GENERIC);
    expect($('meta[name="description"]').attr("content")).toBe("If your database isn't publicly accessible, you can use an SSH tunnel to connect to Stitch.");
  });

  it("has a Content-Security-Policy that allows only the site's own scripts, and no inline code", async () => {
    for (const file of site.htmlFiles) {
      const $ = await site.page(`/${file}`);
      const policy = $('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "";
      const scriptSrc = /script-src([^;]*)/.exec(policy)?.[1] ?? /default-src([^;]*)/.exec(policy)?.[1];
      expect(scriptSrc, file).toBeDefined();
      expect(scriptSrc, file).toContain("'self'");
      expect(scriptSrc, file).not.toContain("unsafe-inline");
      expect($("script:not([src])").length, file).toBe(0);
      expect($("[style], style").length, file).toBe(0);
    }
  });
});

describe("home page", () => {
  it("lists every tutorial with its summary and step count", async () => {
    const $ = await site.page("/docs/");
    const cards = $("#tutorials + .card-grid > li");
    expect(
      cards
        .find("a")
        .map((_, a) => $(a).attr("href"))
        .get(),
    ).toEqual([GENERIC, AMAZON]);
    expect(cards.eq(1).text()).toContain("Connect Stitch to an Amazon RDS");
    expect(cards.eq(0).find(".card-meta").text()).toBe("5 steps");
  });
});

describe("code blocks", () => {
  it("are highlighted at build time and keep the commands' exact text", async () => {
    const $ = await site.page(GENERIC);
    const block = $("pre > code.language-shell").filter((_, code) => $(code).text().includes("groupadd"));
    expect(block.find("span.hljs-built_in").first().text()).toBe("sudo");
    expect(block.text()).toBe("sudo groupadd stitch\nsudo useradd --create-home --gid stitch --shell /bin/bash stitch\n");
  });
});

describe("page weight", () => {
  // The Amazon tutorial carries screenshots: their <picture> markup counts, the images do not.
  it.each([GENERIC, AMAZON])("keeps the tutorial's HTML, CSS and JavaScript under 100 KB: %s", async (tutorial) => {
    const { statSync } = await import("node:fs");
    const path = await import("node:path");
    const $ = await site.page(tutorial);
    const assets = [
      ...$("link[rel=stylesheet]")
        .map((_, l) => $(l).attr("href"))
        .get(),
      ...$("script[src]")
        .map((_, s) => $(s).attr("src"))
        .get(),
    ];
    expect(assets.length).toBeGreaterThanOrEqual(3);
    const files = [site.fileFor(tutorial)!, ...assets.map((url) => site.fileFor(url)!)];
    const bytes = files.reduce((sum, file) => sum + statSync(path.join(site.outputDir, file)).size, 0);
    expect(bytes).toBeLessThan(100 * 1024);
  });
});
