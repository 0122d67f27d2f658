import path from "node:path";
import { kramdownSettingsOf } from "../../model/kramdown-settings.ts";
import { makesRedirects } from "../../model/redirects.ts";
import type { SiteModel } from "../../model/site-model.ts";
import { locationOfPath } from "../../model/yaml-positions.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * What a Jekyll site asks for that this generator does not do, said once each, as warnings (the
 * rest of the site still builds): plugins without an equivalent here, listed in `plugins:` or
 * written in `_plugins/` (their tags and filters then show up as unknown where they are used),
 * posts that are neither HTML nor markdown and pages without an extension, which are not built;
 * files of `_posts/` that are
 * not built (no date in the name, dated in the future: warnings; a `date:` that is not one: an
 * error, as Jekyll stops there); `csv_reader` options (CSV and TSV data are read with Jekyll's
 * defaults); a `timezone:` that names no zone this runtime knows (the build's own zone is used:
 * Jekyll's TZ would fall back to UTC under the zone's name); `page_excerpts: true` (pages keep a
 * nil excerpt here); `redirect_from` without jekyll-redirect-from among the plugins (no redirect
 * is made, as in Jekyll); `kramdown:` options that are not applied (kramdown-settings.ts).
 */

const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function checkJekyllSite(model: SiteModel): Finding[] {
  if (model.kind !== "jekyll") return [];
  const config = model.settingsFile;
  const plugins = model.unknownPlugins.map((name) => {
    const key = Array.isArray(model.siteData.plugins) ? "plugins" : "gems";
    const list = (model.siteData[key] as unknown[] | undefined) ?? [];
    const at = config ? locationOfPath(config.yaml, [key, Math.max(0, list.indexOf(name))]) : { file: "_config.yml", line: 1, column: 1 };
    return finding(
      "plugins",
      "warning",
      at,
      `plugin "${name}" has no equivalent in this generator and is ignored: what it adds to pages (tags, filters, files) is not built`,
    );
  });
  const redirectsIgnored = makesRedirects(model)
    ? []
    : model.pages
        .filter((page) => page.data?.redirect_from !== undefined && page.frontMatter)
        .map((page) =>
          finding(
            "redirects",
            "warning",
            locationOfPath(page.frontMatter!, ["redirect_from"]),
            "redirect_from makes no redirect: jekyll-redirect-from is not among _config.yml's plugins, so Jekyll makes none either; add it there for the old URLs to lead here",
          ),
        );
  const kramdownIgnored = config
    ? kramdownSettingsOf(model.siteData.kramdown).ignored.map((key) =>
        finding(
          "site-settings",
          "warning",
          locationOfPath(config.yaml, ["kramdown", key]),
          `kramdown option "${key}" (or this value of it) is not applied here: pages render with Jekyll's default for it`,
        ),
      )
    : [];
  const notBuilt = model.notBuilt.map((file) =>
    finding(
      "files",
      "warning",
      { file, line: 1, column: 1 },
      path.extname(file) === ""
        ? "this file has front matter but no extension: it is not built (Jekyll would render it); give it one, or remove its front matter to copy it as it is"
        : "this post is neither HTML nor markdown: it is not built; give it a .md or .html extension",
    ),
  );
  const posts = (model.skippedPosts ?? []).map((post) => finding("posts", post.severity, { file: post.file, line: 1, column: 1 }, post.message));
  const csvReader =
    config && "csv_reader" in model.siteData
      ? [
          finding(
            "csv",
            "warning",
            locationOfPath(config.yaml, ["csv_reader"]),
            "csv_reader is ignored: CSV and TSV data files are read with Jekyll's defaults (a header row, every value text); remove it, or convert the values in Liquid",
          ),
        ]
      : [];
  const zone = model.siteData.timezone;
  const timeZone =
    config && zone != null && model.settings.timeZone === undefined
      ? [
          finding(
            "site-settings",
            "warning",
            locationOfPath(config.yaml, ["timezone"]),
            `timezone ${JSON.stringify(zone)} is not a time zone this generator knows, so dates are in the build's own zone (${ownZone()}); write an IANA name, like America/New_York or Europe/Berlin`,
          ),
        ]
      : [];
  const pageExcerpts =
    config && model.siteData.page_excerpts === true
      ? [
          finding(
            "site-settings",
            "warning",
            locationOfPath(config.yaml, ["page_excerpts"]),
            "page_excerpts is not done by this generator: a page's excerpt stays nil (documents and posts have theirs); remove it, or give the page an `excerpt:` in its front matter",
          ),
        ]
      : [];
  const rubyPlugins = (model.rubyPlugins ?? []).map((file) =>
    finding(
      "plugins",
      "warning",
      { file, line: 1, column: 1 },
      "this Ruby plugin is not run by this generator: the tags it defines render nothing and its filters pass their input on unchanged, each reported where it is used; what it generates is not built",
    ),
  );
  return [...plugins, ...rubyPlugins, ...redirectsIgnored, ...kramdownIgnored, ...notBuilt, ...posts, ...csvReader, ...timeZone, ...pageExcerpts];
}
