import path from "node:path";
import { urlPathProblem } from "./url-paths.ts";

/** The project's folders; every module takes them from here so a test site can move them. */
export interface SiteDirectories {
  root: string;
  input: string;
  includes: string;
  data: string;
  output: string;
}

/** The settings the build itself needs from `_data/site.yml` (templates see the whole file). */
export interface SiteSettings {
  baseurl: string;
  url: string;
  collections: Record<string, string>;
}

export function siteDirectories(root: string, output = "_site"): SiteDirectories {
  return {
    root,
    input: path.join(root, "content"),
    includes: path.join(root, "_includes"),
    data: path.join(root, "_data"),
    output: path.resolve(root, output),
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
 * robots.txt), as the end of a sentence; undefined when nothing.
 */
export function siteUrlProblem(value: unknown): string | undefined {
  if (value == null || value === "") return undefined;
  const advice = "it must be the site's scheme and host, like https://www.example.com";
  if (typeof value !== "string") return advice;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return advice;
  }
  const origin = value.replace(/\/+$/, "");
  return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.origin === origin ? undefined : advice;
}

/**
 * The settings the build needs, from `_data/site.yml`'s data. A `baseurl` or `url` the build can't
 * use (see above) reads as none: the source checks report it at its line, and nothing is built.
 */
export function siteSettingsOf(siteData: Record<string, unknown>): SiteSettings {
  const collections = siteData.collections && typeof siteData.collections === "object" ? (siteData.collections as Record<string, string>) : {};
  return {
    baseurl: baseurlProblem(siteData.baseurl) ? "" : normalizeBaseurl(siteData.baseurl),
    url: typeof siteData.url === "string" && !siteUrlProblem(siteData.url) ? siteData.url.replace(/\/+$/, "") : "",
    collections,
  };
}
