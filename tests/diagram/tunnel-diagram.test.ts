import type { CheerioAPI } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";

// The tunnel diagram at the top of both tutorials is drawn from _data/stitch, as the address lists
// are: it must show exactly what the steps list, and follow the data when it changes.
const GENERIC = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";

/** The diagram's addresses by region key, and the ports its text shows. */
function diagramOf($: CheerioAPI) {
  const figure = $("article .tutorial-intro figure[data-ssh-tunnel-diagram]");
  const svg = figure.children("svg");
  const regions: Record<string, string[]> = {};
  svg.find("g.tunnel-region").each((_, group) => {
    regions[$(group).attr("data-ip-region")!] = $(group)
      .find(".tunnel-address")
      .map((_, text) => $(text).text())
      .get();
  });
  const sshPorts = svg
    .find("[data-firewall-port]")
    .map((_, span) => $(span).text())
    .get();
  return { figure, svg, regions, sshPorts, text: svg.find("text").text() };
}

/** What the steps list: the region component's lists, by region key, and its rules' port. */
function stepsOf($: CheerioAPI) {
  const regions: Record<string, string[]> = {};
  $("[data-stitch-ip-addresses] section.ip-region").each((_, section) => {
    regions[$(section).attr("data-ip-region")!] = $(section)
      .find(".ip-list code")
      .map((_, code) => $(code).text())
      .get();
  });
  const ports = new Set(
    $("[data-stitch-ip-addresses] [data-firewall-port]")
      .map((_, span) => $(span).text())
      .get(),
  );
  return { regions, ports: [...ports] };
}

describe("the tunnel diagram on the project's tutorials", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildProjectSite();
  });
  afterAll(() => site?.cleanup());

  it.each([GENERIC, AMAZON])("is an accessible SVG at the top of %s, showing the steps' addresses and port", async (url) => {
    const $ = await site.page(url);
    const diagram = diagramOf($);
    expect(diagram.figure.length).toBe(1);
    expect(diagram.svg.attr("role")).toBe("img");
    const title = $(`#${diagram.svg.attr("aria-labelledby")}`);
    const desc = $(`#${diagram.svg.attr("aria-describedby")}`);
    expect(title.is("title")).toBe(true);
    expect(title.text()).toBe("How Stitch reaches your database through an SSH tunnel");
    expect(desc.is("desc")).toBe(true);
    // No script and no inline style: the page's CSP would refuse them.
    expect(diagram.figure.find("script, style, [style]").length).toBe(0);

    const steps = stepsOf($);
    expect(Object.keys(steps.regions)).toEqual(["north-america", "europe"]);
    expect(diagram.regions).toEqual(steps.regions);
    expect(diagram.sshPorts.length).toBeGreaterThan(0);
    expect(new Set(diagram.sshPorts)).toEqual(new Set(steps.ports));
    expect(steps.ports).toEqual(["22"]);
    for (const address of Object.values(steps.regions).flat()) expect(desc.text()).toContain(address);
    expect(desc.text()).toContain("TCP port 22");
  });

  it("shows the database port the generic tutorial's step names", async () => {
    const $ = await site.page(GENERIC);
    expect($("#configure-database-allow-ssh-server-traffic").parent().text()).toContain("5432");
    expect(diagramOf($).text).toContain("allow TCP port 5432");
    expect(diagramOf($).text).toContain("Database (PostgreSQL, for example)");
  });

  it("is drawn once per page, with ids no other element has", async () => {
    const $ = await site.page(AMAZON);
    for (const id of ["ssh-tunnel-diagram-title", "ssh-tunnel-diagram-desc"]) expect($(`[id="${id}"]`).length).toBe(1);
  });
});

describe("the tunnel diagram after the data changes", () => {
  let site: BuiltSite;
  const ADDRESSES = `stitch-app:
  - ip: 198.51.100.7/32
  - ip: 198.51.100.8/32
stitch-app-europe:
  - ip: 203.0.113.10/32
asia:
  - ip: 2001:db8:4000:1234::/64
  - ip: 192.0.2.44/32
singer:
  - ip: 34.194.200.23
`;
  const REGIONS = `- key: north-america
  name: North America
  ip-list: stitch-app
- key: europe
  name: Europe
  ip-list: stitch-app-europe
- key: asia-pacific
  name: Asia Pacific
  ip-list: asia
`;
  beforeAll(async () => {
    site = await buildProjectSite({ files: { "_data/stitch/ip-addresses.yml": ADDRESSES, "_data/stitch/regions.yml": REGIONS } });
  });
  afterAll(() => site?.cleanup());

  it.each([GENERIC, AMAZON])("shows the new regions and addresses on %s, as the steps do", async (url) => {
    const $ = await site.page(url);
    const diagram = diagramOf($);
    expect(diagram.regions).toEqual({
      "north-america": ["198.51.100.7/32", "198.51.100.8/32"],
      europe: ["203.0.113.10/32"],
      "asia-pacific": ["2001:db8:4000:1234::/64", "192.0.2.44/32"],
    });
    expect(diagram.regions).toEqual(stepsOf($).regions);
    expect(diagram.text).not.toContain("52.23.137.21");
    expect(diagram.text).toContain("Asia Pacific");
    const desc = $(`#${diagram.svg.attr("aria-describedby")}`).text();
    expect(desc).toContain("Asia Pacific: 2001:db8:4000:1234::/64, 192.0.2.44/32");
    // The picture grows with the data: every address inside the box that holds them.
    const [, , , height] = diagram.svg.attr("viewBox")!.split(" ").map(Number);
    const lastAddress = Math.max(
      ...diagram.svg
        .find(".tunnel-address")
        .map((_, text) => Number($(text).attr("y")))
        .get(),
    );
    const stitchBox = diagram.svg.find("rect.tunnel-stitch");
    expect(lastAddress).toBeLessThan(Number(stitchBox.attr("y")) + Number(stitchBox.attr("height")));
    expect(height).toBeGreaterThan(lastAddress);
  });
});
