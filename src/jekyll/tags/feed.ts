import { existsSync } from "node:fs";
import path from "node:path";
import { type Context, type Emitter, Tag, toValue } from "liquidjs";
import { feedMetaLink, feedPathOf, feedXml } from "../feed.ts";
import { engineFilters } from "./engine-filters.ts";
import { SEO_GENERATOR } from "./seo.ts";

/**
 * jekyll-feed's tags, for a Jekyll site that lists the plugin: `{% feed_meta %}` (the link to
 * the feed, for a layout's head), and the tag the feed file itself is (src/render/feed-file.ts),
 * which writes the whole feed from the site's variables (src/jekyll/feed.ts).
 */

/** The tag the feed file's template holds: not one of the plugin's, so named apart. */
export const FEED_DOCUMENT_TAG = "jekyll_feed_document";

type Data = Record<string, unknown>;

const siteOf = (ctx: Context): Data => (toValue((ctx.environments as { site?: unknown }).site) ?? {}) as Data;

export class FeedMetaTag extends Tag {
  override render(ctx: Context, emitter: Emitter): void {
    emitter.write(feedMetaLink(siteOf(ctx), engineFilters(this.liquid, ctx, this.token)("absolute_url")));
  }
}

export class FeedDocumentTag extends Tag {
  override render(ctx: Context, emitter: Emitter): void {
    const filter = engineFilters(this.liquid, ctx, this.token);
    const site = siteOf(ctx);
    const root = (ctx.environments as { jekyllFeedRoot?: unknown }).jekyllFeedRoot;
    emitter.write(
      feedXml({
        site,
        url: feedPathOf(site),
        xsl: typeof root === "string" && existsSync(path.join(root, "feed.xslt.xml")),
        zone: typeof ctx.opts.timezoneOffset === "string" ? ctx.opts.timezoneOffset : undefined,
        generator: SEO_GENERATOR,
        filters: {
          absoluteUrl: filter("absolute_url"),
          smartify: filter("smartify"),
          stripHtml: filter("strip_html"),
          normalizeWhitespace: filter("normalize_whitespace"),
        },
      }),
    );
  }
}
