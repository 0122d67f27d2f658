import { readSite } from "../../src/model/read-site.ts";
import { type SiteServer, serveSite } from "./server.ts";
import { type BuiltSite, buildFixtureSite, type FixtureOptions, makeFixtureSite } from "./site.ts";

/** A copy of the project's site built as `npm run build` builds it, served on 127.0.0.1. */
export interface PublishedSite {
  site: BuiltSite;
  server: SiteServer;
  baseurl: string;
  /** The absolute URL of a path below the base URL: url("/common/x") -> http://127.0.0.1:N/docs/common/x */
  url(sitePath: string): string;
  close(): Promise<void>;
}

export async function publishFixtureSite(options: FixtureOptions = {}): Promise<PublishedSite> {
  const root = await makeFixtureSite(options);
  const site = await buildFixtureSite(root, { searchIndex: true });
  const { baseurl } = readSite(root).settings;
  const server = await serveSite(site.outputDir, `${baseurl.replace(/^\//, "")}/404.html`.replace(/^\//, ""));
  return {
    site,
    server,
    baseurl,
    url: (sitePath) => `${server.origin}${baseurl}${sitePath}`,
    async close() {
      await server.close();
      await site.cleanup();
    },
  };
}
