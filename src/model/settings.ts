import path from "node:path";
import { isTimeZone } from "../support/time-zones.ts";
import type { KramdownSettings } from "./kramdown-settings.ts";
import { urlPathProblem } from "./url-paths.ts";

/** The project's folders; every module takes them from here so a test site can move them. */
export interface SiteDirectories {
  root: string;
  /** Where pages are: content/ (a Jekyll site: its root). */
  input: string;
  includes: string;
  /** Where layouts are: _includes/layouts/ (a Jekyll site: _layouts/). */
  layouts: string;
  data: string;
  output: string;
  /** The built-in theme's includes, looked up after the site's own (a Jekyll site). */
  themeIncludes?: string;
}

/**
 * How strict Liquid is, as Jekyll's `liquid:` settings in `_config.yml` say (`strict_variables`,
 * `strict_filters`, `error_mode`). Jekyll's defaults: an undefined variable or filter renders
 * empty and is reported as a warning (error_mode `warn`). This repository's own site keeps them
 * errors (STRICT_LIQUID).
 */
export interface LiquidSettings {
  /** An undefined variable or data key is an error (else a warning, rendered as empty). */
  strictVariables: boolean;
  /** An unknown filter is an error (else a warning, the filter does nothing). */
  strictFilters: boolean;
  /** Liquid syntax errors: `strict` and `warn` report them (an error / a warning), `lax` as warnings too. */
  errorMode: "strict" | "warn" | "lax";
}

export const JEKYLL_DEFAULT_LIQUID: LiquidSettings = { strictVariables: false, strictFilters: false, errorMode: "warn" };
export const STRICT_LIQUID: LiquidSettings = { strictVariables: true, strictFilters: true, errorMode: "strict" };

/** The `liquid:` settings of a Jekyll `_config.yml` (missing or malformed keys take Jekyll's defaults). */
export function liquidSettingsOf(value: unknown): LiquidSettings {
  const liquid = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const mode = liquid.error_mode;
  return {
    strictVariables: liquid.strict_variables === true,
    strictFilters: liquid.strict_filters === true,
    errorMode: mode === "strict" || mode === "lax" ? mode : "warn",
  };
}

/** The settings the build itself needs from `_data/site.yml` (templates see the whole file). */
export interface SiteSettings {
  baseurl: string;
  url: string;
  collections: Record<string, string>;
  liquid: LiquidSettings;
  /**
   * A Jekyll site's `timezone:` when this runtime knows the zone (Jekyll sets TZ from it): its
   * dates are computed and printed in it. Without one, the build's own zone.
   */
  timeZone?: string;
  /** A Jekyll site's `kramdown:` options (kramdown-settings.ts); this repository's own site has Jekyll's defaults. */
  kramdown?: KramdownSettings;
  /** What a build leaves in the output folder it replaces (`keep_files:`, paths inside it; src/publish/output-folder.ts). */
  keepFiles: readonly string[];
}

/** Jekyll's default `keep_files`: a `_site/` that is a checkout of the branch it is deployed from keeps its repository. */
export const JEKYLL_KEEP_FILES: readonly string[] = [".git", ".svn"];

export function siteDirectories(root: string, output = "_site"): SiteDirectories {
  return {
    root,
    input: path.join(root, "content"),
    includes: path.join(root, "_includes"),
    layouts: path.join(root, "_includes", "layouts"),
    data: path.join(root, "_data"),
    output: path.resolve(root, output),
  };
}

/** A Jekyll site tree's folders; `themeRoot` is this project's own site, whose includes are the theme's. */
export function jekyllDirectories(root: string, output: string, themeRoot: string): SiteDirectories {
  return {
    root,
    input: root,
    includes: path.join(root, "_includes"),
    layouts: path.join(root, "_layouts"),
    data: path.join(root, "_data"),
    output: path.resolve(root, output),
    themeIncludes: path.join(themeRoot, "_includes"),
  };
}

/** `/docs/` and `docs` both mean `/docs`; `/` and "" mean the host's root. */
export function normalizeBaseurl(value: unknown): string {
  if (typeof value !== "string") return "";
  const trimmed = value.trim().replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

/**
 * What is wrong with `baseurl` as `_data/site.yml` has it (every output path starts with it), as
 * the end of a sentence; undefined when nothing.
 */
export function baseurlProblem(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value !== "string") return "it must be text, like /docs";
  const baseurl = normalizeBaseurl(value);
  return baseurl === "" ? undefined : urlPathProblem(`${baseurl}/`);
}

/**
 * What is wrong with `url` (the site's scheme and host, in canonical links, the sitemap and
 * robots.txt), as the end of a sentence; undefined when nothing. A Jekyll site's may have a path
 * as well (`https://user.github.io/project`): Jekyll puts it before every absolute URL as written.
 */
export function siteUrlProblem(value: unknown, options: { path?: boolean } = {}): string | undefined {
  if (value == null || value === "") return undefined;
  const advice = options.path
    ? "it must be the site's scheme and host, and a path if any, like https://www.example.com or https://user.github.io/project"
    : "it must be the site's scheme and host, like https://www.example.com";
  if (typeof value !== "string") return advice;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return advice;
  }
  const written = value.replace(/\/+$/, "");
  const expected = options.path ? `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "") : parsed.origin;
  return (parsed.protocol === "https:" || parsed.protocol === "http:") && written === expected ? undefined : advice;
}

/**
 * The settings the build needs, from `_data/site.yml`'s data. A `baseurl` or `url` the build can't
 * use (see above) reads as none: the source checks report it at its line, and nothing is built.
 */
export function siteSettingsOf(siteData: Record<string, unknown>, liquid: LiquidSettings = STRICT_LIQUID, site: { jekyll?: boolean } = {}): SiteSettings {
  const collections = siteData.collections && typeof siteData.collections === "object" ? (siteData.collections as Record<string, string>) : {};
  return {
    baseurl: baseurlProblem(siteData.baseurl) ? "" : normalizeBaseurl(siteData.baseurl),
    url: typeof siteData.url === "string" && !siteUrlProblem(siteData.url, { path: site.jekyll }) ? siteData.url.replace(/\/+$/, "") : "",
    collections,
    liquid,
    ...(isTimeZone(siteData.timezone) ? { timeZone: siteData.timezone } : {}),
    keepFiles: Array.isArray(siteData.keep_files) ? siteData.keep_files.filter((entry): entry is string => typeof entry === "string") : JEKYLL_KEEP_FILES,
  };
}
