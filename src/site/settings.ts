import { readFileSync } from "node:fs";
import path from "node:path";
import { loadYaml } from "./yaml.ts";

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

export function readSiteSettings(dataDir: string): SiteSettings {
  const file = path.join(dataDir, "site.yml");
  const raw = (loadYaml(readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
  const collections = (raw.collections ?? {}) as Record<string, string>;
  return {
    baseurl: normalizeBaseurl(raw.baseurl),
    url: typeof raw.url === "string" ? raw.url.replace(/\/+$/, "") : "",
    collections,
  };
}
