import { rm } from "node:fs/promises";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/checks/finding.ts";
import { buildWithJekyll, jekyllInstalled, readPage, writeSite } from "../helpers/jekyll.ts";
import { makeFixtureSite, renderFixtureSite } from "../helpers/site.ts";

/**
 * YAML as Jekyll reads it (Psych, YAML 1.1): the same data file read by Jekyll and by this
 * project's build, shown by the same Liquid (`jsonify`, and values printed as they are).
 */

const FACTS = `enabled: yes
disabled: off
shout: ON
letter: y
released: 2024-01-15
updated: 2024-01-15 10:30:00 +02:00
mode: 0755
count: 1_000
defaults: &defaults
  port: 22
  user: stitch
bastion:
  <<: *defaults
  port: 2222
region: us
region: eu
duration: 1:30
clock: 12:30:45
negative: -1:30
groups: 1:2:3:4
`;
const EXTRA = "first: 1\n---\nsecond: 2\n";
const LIQUID = [
  '<p id="facts">{{ site.data.facts | jsonify }}</p>',
  '<p id="extra">{{ site.data.extra | jsonify }}</p>',
  '<p id="printed">{{ site.data.facts.released }}|{{ site.data.facts.updated }}|{{ site.data.facts.enabled }}|{{ site.data.facts.bastion.user }}</p>',
  "",
].join("\n");

interface Shown {
  facts: unknown;
  extra: unknown;
  printed: string;
}
const shownIn = (html: string): Shown => {
  const $ = cheerio.load(html);
  return { facts: JSON.parse($("#facts").text()), extra: JSON.parse($("#extra").text()), printed: $("#printed").text() };
};

describe.skipIf(!jekyllInstalled() && process.env.CI !== "true")("YAML data as Jekyll reads it", () => {
  let jekylls: Shown;
  let ours: Shown;
  let findings: Finding[];
  const roots: string[] = [];

  beforeAll(async () => {
    const jekyllSite = await writeSite({ "_data/facts.yml": FACTS, "_data/extra.yml": EXTRA, "facts.html": `---\nlayout: null\n---\n${LIQUID}` });
    roots.push(jekyllSite);
    const jekyllOutput = await buildWithJekyll(jekyllSite);
    roots.push(jekyllOutput);
    jekylls = shownIn(await readPage(jekyllOutput, "facts.html"));
    const ourSite = await makeFixtureSite({
      files: {
        "_data/facts.yml": FACTS,
        "_data/extra.yml": EXTRA,
        "content/common/facts.md": `---\ntitle: Facts\nlayout: page\npermalink: /common/facts\n---\n${LIQUID}`,
      },
    });
    roots.push(ourSite);
    const rendered = await renderFixtureSite(ourSite);
    findings = rendered.findings;
    ours = shownIn((await rendered.page("/docs/common/facts")).html());
  });
  afterAll(async () => {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  });

  it("reads booleans, dates, times, numbers, merge keys and duplicate keys as Psych does", () => {
    expect(ours.facts).toEqual(jekylls.facts);
  });

  it("prints dates and times as Jekyll does", () => {
    expect(ours.printed).toBe(jekylls.printed);
  });

  it("uses the first document of a data file", () => {
    expect(ours.extra).toEqual(jekylls.extra);
  });

  it("reports what Jekyll accepts without a word, at its line", () => {
    const warnings = findings.filter((found) => found.check === "yaml").map((found) => `${found.file}:${found.line}: ${found.severity}`);
    expect(warnings).toEqual(["_data/extra.yml:3: warning", "_data/facts.yml:16: warning"]);
  });
});
