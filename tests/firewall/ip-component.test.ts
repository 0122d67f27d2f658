import { readFile } from "node:fs/promises";
import path from "node:path";
import { load as loadYaml } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildFixtureSite, buildProjectSite, makeFixtureSite, PROJECT_ROOT } from "../helpers/site.ts";
import { componentsOn, regionsOfComponent } from "./page.ts";

const SEED = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const TOOLS = ["ufw", "iptables", "nftables", "firewalld", "aws"];

/** The data as the site's files define it: what every list and rule must follow. */
async function regionsInData(root: string) {
  const read = async (file: string) =>
    loadYaml(await readFile(path.join(root, "_data/stitch", file), "utf8")) as Record<string, unknown> &
      Array<{ key: string; name: string; "ip-list": string }>;
  const lists = await read("ip-addresses.yml");
  const regions = (await read("regions.yml")) as Array<{ key: string; name: string; "ip-list": string }>;
  return regions.map((region) => ({
    key: region.key,
    name: region.name,
    addresses: (lists[region["ip-list"]] as Array<{ ip: string }>).map((entry) => entry.ip),
  }));
}

/** Every message down an error's chain (Eleventy wraps the template's error in `originalError`). */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  type Chained = { message?: string; cause?: unknown; originalError?: unknown };
  for (let current = error as Chained | undefined; current; current = (current.originalError ?? current.cause) as Chained | undefined) {
    messages.push(String(current.message));
  }
  return messages.join("\n");
}

async function buildError(files: Record<string, string>): Promise<string> {
  const root = await makeFixtureSite({ files });
  try {
    await buildFixtureSite(root);
  } catch (error) {
    return messagesOf(error);
  } finally {
    const { rm } = await import("node:fs/promises");
    await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
  throw new Error("the build succeeded, but it should have failed");
}

describe("region IP component on the project's tutorials", () => {
  let site: BuiltSite;
  let data: Awaited<ReturnType<typeof regionsInData>>;
  beforeAll(async () => {
    site = await buildProjectSite();
    data = await regionsInData(PROJECT_ROOT);
  });
  afterAll(() => site?.cleanup());

  it("keeps the seed's Step 1 text and plain North America list, and adds the component after it", async () => {
    const $ = await site.page(SEED);
    const step = $("section:has(> #configure-ssh-server-stitch-access)");
    // The step's own content, without the heading's self-link the page frame adds before it.
    const children = step.children(":not(a.heading-anchor)").toArray();
    expect($(children[1]).prop("tagName")).toBe("P");
    expect($(children[1]).text()).toBe(
      "First, you’ll configure the SSH server to allow traffic from Stitch to access the server. Whitelist the following IP addresses to allow access to the SSH server on the SSH port, which is typically 22:",
    );
    expect($(children[2]).prop("tagName")).toBe("UL");
    expect(
      $(children[2])
        .children("li")
        .toArray()
        .map((li) => $(li).text().trim()),
    ).toEqual(data[0]!.addresses);
    expect($(children[3]).is("[data-stitch-ip-addresses]")).toBe(true);
    expect($(children[3]).children("p").first().text()).toContain("The list above is the North America list.");
    expect(componentsOn($)).toHaveLength(1);
  });

  it("labels every region's list, with a copy control holding exactly that list", async () => {
    for (const [url, level] of [
      [SEED, "h3"],
      [AMAZON, "h4"],
    ] as const) {
      const $ = await site.page(url);
      const [component] = componentsOn($);
      const regions = regionsOfComponent($, component);
      expect(regions.map(({ key, heading, headingTag, addresses }) => ({ key, heading, headingTag, addresses }))).toEqual(
        data.map((region) => ({ key: region.key, heading: region.name, headingTag: level, addresses: region.addresses })),
      );
      for (const region of regions) expect(region.copyText).toBe(region.addresses.join("\n"));
      const button = $(component).find("button[data-copy-text]").first();
      expect(button.attr("type")).toBe("button");
      expect(button.text()).toBe("Copy the North America addresses");
    }
  });

  it("offers every tool's rules per region in native disclosures, generated from that region's addresses", async () => {
    for (const url of [SEED, AMAZON]) {
      const $ = await site.page(url);
      const regions = regionsOfComponent($, componentsOn($)[0]);
      for (const region of regions) {
        expect(Object.keys(region.rules)).toEqual(TOOLS);
        expect(region.summaries).toEqual(
          ["ufw", "iptables", "nftables", "firewalld", "AWS security group (AWS CLI)"].map((tool) => `${tool} rules for ${region.heading}`),
        );
        for (const tool of TOOLS) {
          const text = region.rules[tool]!.join("\n");
          for (const address of region.addresses) expect(text, `${url} ${region.key} ${tool}`).toContain(address);
          const others = data.filter((other) => other.key !== region.key).flatMap((other) => other.addresses);
          for (const address of others) expect(text).not.toContain(address);
        }
      }
      expect($("details.firewall-rules > pre > code").length).toBe(data.length * TOOLS.length);
    }
  });

  it("reads without JavaScript: port 22 marked in every rule, a note on changing it, the script-only controls hidden", async () => {
    const $ = await site.page(SEED);
    const component = $(componentsOn($)[0]);
    const spots = component.find("[data-firewall-port]");
    expect(spots.length).toBeGreaterThanOrEqual(data.length * TOOLS.length);
    expect(new Set(spots.toArray().map((spot) => $(spot).text()))).toEqual(new Set(["22"]));
    const note = component.find("[data-firewall-port-note]");
    expect(note.attr("hidden")).toBeUndefined();
    expect(note.text()).toContain("open port 22");
    expect(note.text()).toContain("replace 22 with it");
    const control = component.find("[data-firewall-port-control]");
    expect(control.attr("hidden")).toBeDefined();
    const input = control.find("input[type=number]");
    expect(input.attr("value")).toBe("22");
    expect(control.find(`label[for="${input.attr("id")}"]`).length).toBe(1);
    expect(
      component
        .find("button[data-copy-text]")
        .toArray()
        .every((button) => $(button).attr("hidden") !== undefined),
    ).toBe(true);
  });

  it("puts the component in the Amazon tutorial's step 1.2, in place of the old loop", async () => {
    const $ = await site.page(AMAZON);
    const step = $("section:has(> #allow-stitch-ip-addresses)");
    expect(step.children("[data-stitch-ip-addresses]")).toHaveLength(1);
    expect(componentsOn($)).toHaveLength(1);
    expect(step.text()).not.toContain("The list above");
  });

  it("gives unique ids and links the script and stylesheet, which the build ships", async () => {
    for (const url of [SEED, AMAZON]) {
      const $ = await site.page(url);
      const ids = $("[id]")
        .toArray()
        .map((element) => $(element).attr("id"));
      expect(new Set(ids).size).toBe(ids.length);
      expect($('link[rel=stylesheet][href="/docs/assets/ip-lists.css"]')).toHaveLength(1);
      expect($('script[src="/docs/assets/firewall-port.js"][defer]')).toHaveLength(1);
      // Copy buttons are the site script's (site.js: data-copy-text / data-copy-target).
      expect($('script[src="/docs/assets/site.js"][type=module]')).toHaveLength(1);
      expect($("script:not([src])")).toHaveLength(0);
    }
    for (const asset of ["ip-lists.css", "firewall-port.js", "site.js"]) {
      expect(site.fileFor(`/docs/assets/${asset}`)).toBe(`docs/assets/${asset}`);
    }
  });

  it("shows no component on pages that list no addresses", async () => {
    for (const file of site.htmlFiles) {
      if (file.includes("setting-up-ssh-tunnel")) continue;
      const $ = await site.page(`/${file}`);
      expect(componentsOn($), file).toHaveLength(0);
    }
  });
});

const SWAPPED_IPS = `stitch-app:
  - ip: 198.51.100.7/32
  - ip: 198.51.100.8/32
  - ip: 203.0.113.0/28
stitch-app-europe:
  - ip: 192.0.2.10/32
stitch-app-apac:
  - ip: 192.0.2.77/32
  - ip: 192.0.2.78/32
singer:
  - ip: 34.194.200.23
`;
const SWAPPED_REGIONS = `- key: north-america
  name: North America
  ip-list: stitch-app
- key: europe
  name: Europe
  ip-list: stitch-app-europe
- key: asia-pacific
  name: Asia Pacific
  ip-list: stitch-app-apac
`;

describe("editing the IP data changes every list and rule on every page", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildProjectSite({
      files: { "_data/stitch/ip-addresses.yml": SWAPPED_IPS, "_data/stitch/regions.yml": SWAPPED_REGIONS },
    });
  });
  afterAll(() => site?.cleanup());

  it("follows the fixture data in the seed's plain list, the region lists and every rule", async () => {
    const expected = await regionsInData(site.root);
    expect(expected.map((region) => region.addresses.length)).toEqual([3, 1, 2]);
    for (const url of [SEED, AMAZON]) {
      const $ = await site.page(url);
      const regions = regionsOfComponent($, componentsOn($)[0]);
      expect(regions.map(({ heading, addresses }) => ({ heading, addresses }))).toEqual(
        expected.map((region) => ({ heading: region.name, addresses: region.addresses })),
      );
      for (const region of regions) {
        expect(region.copyText).toBe(region.addresses.join("\n"));
        for (const tool of TOOLS) {
          const text = region.rules[tool]!.join("\n");
          for (const address of region.addresses) expect(text, `${url} ${region.key} ${tool}`).toContain(address);
        }
        expect(region.rules.ufw!.join("\n").split("\n")).toHaveLength(region.addresses.length);
      }
      // Nothing of the project's real addresses is left anywhere on the page.
      expect($.html()).not.toMatch(/52\.23\.137\.21|3\.126\.102\.29|52\.57\.235\.168/);
    }
    const $ = await site.page(SEED);
    const plainList = $("section:has(> #configure-ssh-server-stitch-access) > ul").first();
    expect(
      plainList
        .children("li")
        .toArray()
        .map((li) => $(li).text().trim()),
    ).toEqual(expected[0]!.addresses);
  });
});

describe("the include's parameters and the step detection", () => {
  const fixtureTutorial = `---
title: IP fixture
permalink: /fixture/ip
layout: tutorial
steps:
  - title: "Europe listed by hand"
    anchor: "europe-by-hand"
    content: |
      Allow these:

      - \`18.158.16.164\`
      - \`3.126.102.29/32\`
      - \`52.57.235.168/32\`
      - \`18.158.251.55/32\`
  - title: "A partial list"
    anchor: "partial"
    content: |
      - 52.23.137.21/32
      - 52.204.223.208/32
  - title: "Another port"
    anchor: "another-port"
    content: |
      {% include shared/stitch-ip-addresses.html port=2222 %}
---
`;
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildProjectSite({ files: { "content/fixture/ip.md": fixtureTutorial } });
  });
  afterAll(() => site?.cleanup());

  it("detects a step listing one region's addresses in any order and form, and only then", async () => {
    const $ = await site.page("/docs/fixture/ip");
    const europe = $("section:has(> #europe-by-hand)").children("[data-stitch-ip-addresses]");
    expect(europe).toHaveLength(1);
    expect(europe.children("p").first().text()).toContain("The list above is the Europe list.");
    expect(
      europe
        .find("h3")
        .toArray()
        .map((heading) => $(heading).text()),
    ).toEqual(["North America", "Europe"]);
    expect($("section:has(> #partial)").children("[data-stitch-ip-addresses]")).toHaveLength(0);
  });

  it("renders rules, note and field for the port given, with ids distinct from the first component's", async () => {
    const $ = await site.page("/docs/fixture/ip");
    const components = componentsOn($);
    expect(components).toHaveLength(2);
    const second = $(components[1]);
    expect(
      new Set(
        second
          .find("[data-firewall-port]")
          .toArray()
          .map((spot) => $(spot).text()),
      ),
    ).toEqual(new Set(["2222"]));
    expect(second.find("[data-firewall-port-note]").text()).toContain("open port 2222");
    expect(second.find("input[type=number]").attr("value")).toBe("2222");
    const regions = regionsOfComponent($, components[1]);
    expect(regions[0]!.rules.ufw![0]).toContain("to any port 2222 comment");
    const ids = $("[id]")
      .toArray()
      .map((element) => $(element).attr("id"));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("mistakes in the data or the include fail the build, saying where", () => {
  it("names the file, line, list and entry of an invalid address", async () => {
    const message = await buildError({
      "_data/stitch/ip-addresses.yml": SWAPPED_IPS.replace("198.51.100.8/32", "198.51.100.888/32"),
      "_data/stitch/regions.yml": SWAPPED_REGIONS,
    });
    // The entry's line and column, then the entry and its list.
    expect(message).toMatch(/_data\/stitch\/ip-addresses\.yml:3:5: error: "198\.51\.100\.888\/32" is not an IPv4 or IPv6 address .* in "stitch-app"/);
  });

  it("names a region whose list does not exist", async () => {
    const message = await buildError({ "_data/stitch/regions.yml": SWAPPED_REGIONS });
    expect(message).toContain(
      '_data/stitch/regions.yml:9:3: error: region "asia-pacific" uses ip-list "stitch-app-apac", which _data/stitch/ip-addresses.yml does not define',
    );
  });

  it("refuses a port outside 1-65535", async () => {
    const message = await buildError({
      "content/fixture/port.md": `---\ntitle: Port\nlayout: tutorial\nsteps:\n  - title: "x"\n    content: |\n      {% include shared/stitch-ip-addresses.html port=70000 %}\n---\n`,
    });
    expect(message).toContain("the port must be a whole number from 1 to 65535, not 70000");
  });
});
