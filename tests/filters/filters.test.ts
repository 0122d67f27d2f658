import { describe, expect, it } from "vitest";
import { sshConnectionGuides } from "../../src/filters/connections.ts";
import { ipAddressesByRegion } from "../../src/filters/ip-addresses.ts";
import { normalizeBaseurl } from "../../src/model/settings.ts";
import { absoluteUrl, jekyllUrlFor, outputPathFor, relativeUrl } from "../../src/model/urls.ts";

describe("URL filters", () => {
  it("relative_url puts the base URL in front of site paths only", () => {
    expect(relativeUrl("/integrations", "/docs")).toBe("/docs/integrations");
    expect(relativeUrl("integrations", "/docs")).toBe("/docs/integrations");
    expect(relativeUrl("https://app.stitchdata.com", "/docs")).toBe("https://app.stitchdata.com");
    expect(relativeUrl("#step", "/docs")).toBe("#step");
    expect(relativeUrl("/x", "")).toBe("/x");
  });

  it("absolute_url adds the site's host", () => {
    expect(absoluteUrl("/x", "/docs", "https://www.stitchdata.com")).toBe("https://www.stitchdata.com/docs/x");
  });

  it("maps Jekyll permalinks to output files and back", () => {
    expect(outputPathFor("/common/x", "/docs")).toBe("/docs/common/x.html");
    expect(outputPathFor("/", "/docs")).toBe("/docs/index.html");
    expect(outputPathFor("/sitemap.xml", "")).toBe("/sitemap.xml");
    expect(jekyllUrlFor("/docs/common/x.html", "/docs")).toBe("/common/x");
    expect(jekyllUrlFor("/docs/index.html", "/docs")).toBe("/");
  });

  it("normalizes the configured base URL", () => {
    expect(normalizeBaseurl("docs/")).toBe("/docs");
    expect(normalizeBaseurl("/")).toBe("");
    expect(normalizeBaseurl(undefined)).toBe("");
  });
});

describe("ip_addresses_by_region", () => {
  it("pairs each region with its list of addresses", () => {
    const stitch = {
      "ip-addresses": { "stitch-app": [{ ip: "1.1.1.1/32" }], eu: [{ ip: "2.2.2.2/32" }, { ip: "3.3.3.3/32" }] },
      regions: [
        { key: "north-america", name: "North America", "ip-list": "stitch-app" },
        { key: "europe", name: "Europe", "ip-list": "eu" },
      ],
    };
    expect(ipAddressesByRegion(stitch)).toEqual([
      { key: "north-america", name: "North America", addresses: ["1.1.1.1/32"] },
      { key: "europe", name: "Europe", addresses: ["2.2.2.2/32", "3.3.3.3/32"] },
    ]);
  });
});

describe("ssh_connection_guides", () => {
  const docs = [
    { title: "PostgreSQL", ssh: true },
    { title: "Amazon RDS", ssh: true, amazon: true },
    { title: "Heroku", ssh: false },
    { title: "MariaDB", ssh: true, amazon: false },
  ];

  it("keeps SSH-capable pages not hosted in AWS for the generic tutorial, sorted by title", () => {
    expect(sshConnectionGuides(docs, "generic").map((doc) => doc.title)).toEqual(["MariaDB", "PostgreSQL"]);
  });

  it("keeps the AWS-hosted ones for the Amazon tutorial", () => {
    expect(sshConnectionGuides(docs, "amazon").map((doc) => doc.title)).toEqual(["Amazon RDS"]);
  });

  it("refuses an unknown tunnel type", () => {
    expect(() => sshConnectionGuides(docs, "azure")).toThrow(/generic.*amazon/);
  });
});
