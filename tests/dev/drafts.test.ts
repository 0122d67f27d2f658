import { rm } from "node:fs/promises";
import * as cheerio from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../src/dev/dev-server.ts";
import { makeFixtureSite } from "../helpers/site.ts";

// `start --drafts`: the dev server builds drafts, marked; without the option it leaves them out.
const DRAFT = `---
title: Unfinished guide
permalink: /common/unfinished-guide
layout: page
published: false
---
Not ready yet.
`;

let server: DevServer | undefined;
let root: string | undefined;
afterEach(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
  server = undefined;
});

async function serve(drafts: boolean | undefined): Promise<Response> {
  root = await makeFixtureSite({ files: { "content/common/unfinished-guide.md": DRAFT } });
  server = await startDevServer({ root, log: () => {}, ...(drafts === undefined ? {} : { drafts }) });
  // The first build has finished when the server starts.
  expect(server.latest().result?.published).toBe(true);
  return fetch(`${server.url}/docs/common/unfinished-guide`);
}

describe("npm start and drafts", () => {
  it("serves a draft, marked as one, with the drafts option", async () => {
    const response = await serve(true);
    expect(response.status).toBe(200);
    const $ = cheerio.load(await response.text());
    expect($("h1").text()).toBe("Unfinished guide");
    expect($('[role="note"]').text()).toContain("Draft: not published");
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
  });

  it("does not serve a draft without it", async () => {
    const response = await serve(undefined);
    expect(response.status).toBe(404);
  });
});
