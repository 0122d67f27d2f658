import { existsSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { feedPathOf } from "../jekyll/feed.ts";
import { FEED_DOCUMENT_TAG } from "../jekyll/tags/feed.ts";
import { listsPlugin } from "../model/jekyll-config.ts";
import type { SiteModel } from "../model/site-model.ts";

/**
 * jekyll-feed's feed file (`<baseurl>/feed.xml`, or `feed.path`) for a Jekyll site that lists the
 * plugin, as an Eleventy virtual template: one tag (src/jekyll/tags/feed.ts) that writes the
 * feed from the site's variables when it renders, after the posts it reads. Not written where
 * the site has a file at that path of its own (as the plugin leaves it), nor in development
 * with `feed.disable_in_development`.
 */

export function jekyllFeedFile(eleventyConfig: EleventyConfig, { model }: { model: SiteModel }): void {
  if (model.kind !== "jekyll" || !listsPlugin(model.siteData, "jekyll-feed")) return;
  const feed = model.siteData.feed as Record<string, unknown> | undefined;
  if (feed?.disable_in_development === true && (process.env.JEKYLL_ENV ?? "development") === "development") return;
  const feedPath = feedPathOf(model.siteData);
  if (existsSync(path.join(model.root, feedPath))) return;
  eleventyConfig.addTemplate("_site-files/jekyll-feed.liquid", `{% ${FEED_DOCUMENT_TAG} %}`, {
    eleventyExcludeFromCollections: true,
    permalink: `${model.settings.baseurl}${feedPath}`,
    jekyllFeedRoot: model.root,
  });
}
