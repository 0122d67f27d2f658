import { collectionTemplate, postTemplate } from "./permalinks.ts";
import type { CollectionSettings } from "./site-model.ts";

/**
 * What a Jekyll site's `_config.yml` says about which files are read and how (Jekyll 4.3's
 * Configuration, EntryFilter and FrontmatterDefaults): exclusions, collections, front matter
 * defaults, plugins.
 */

type Data = Record<string, unknown>;

const asRecord = (value: unknown): Data => (value && typeof value === "object" && !Array.isArray(value) ? (value as Data) : {});
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

/** Jekyll adds these to every site's `exclude`. */
const DEFAULT_EXCLUDES = [
  ".sass-cache",
  ".jekyll-cache",
  "gemfiles",
  "Gemfile",
  "Gemfile.lock",
  "node_modules",
  "vendor/bundle/",
  "vendor/cache/",
  "vendor/gems/",
  "vendor/ruby/",
];

/** Plugins whose work this generator does itself. */
const EQUIVALENT_PLUGINS = new Set(["jekyll-redirect-from", "jekyll-include-cache", "jekyll-sitemap", "jekyll-seo-tag", "jekyll-feed"]);

/** Ruby's File.fnmatch as Jekyll uses it on paths (`*` within a segment, `**` across). */
function fnmatch(pattern: string, file: string): boolean {
  const source = pattern
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => (part.startsWith("**") ? ".*" : part === "*" ? "[^/]*" : part === "?" ? "[^/]" : part.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(file);
}

/** EntryFilter#glob_include?: a pattern matches the path itself, a folder above it, or as a glob. */
function globIncludes(patterns: readonly string[], relative: string): boolean {
  return patterns.some((raw) => {
    const pattern = raw.replace(/^\.?\/+/, "");
    const folder = pattern.replace(/\/+$/, "");
    return relative === folder || relative.startsWith(`${folder}/`) || fnmatch(pattern, relative);
  });
}

export interface EntryFilter {
  /** Whether the file or folder at `relative` (to the site root) is left out of the site. */
  excluded(relative: string): boolean;
}

/** Jekyll's EntryFilter: `include` wins; else `exclude`, and names starting with `_`, `.`, `#` or ending in `~`. */
export function entryFilterOf(config: Data): EntryFilter {
  const include = asStrings(config.include);
  const exclude = [...asStrings(config.exclude), ...DEFAULT_EXCLUDES].filter((pattern) => !include.includes(pattern));
  return {
    excluded(relative) {
      const name = relative.slice(relative.lastIndexOf("/") + 1);
      if (globIncludes(include, relative) || include.includes(name)) return false;
      return globIncludes(exclude, relative) || /^[._#~]/.test(name) || name.endsWith("~");
    },
  };
}

/** `collections:` as a list of names or a mapping of name -> settings; `collections_dir` holds their folders. */
export function collectionsOfConfig(config: Data): CollectionSettings[] {
  const raw = config.collections;
  const entries: [string, Data][] = Array.isArray(raw)
    ? asStrings(raw).map((name) => [name, {}])
    : Object.entries(asRecord(raw)).map(([name, settings]) => [name, asRecord(settings)]);
  const folder = typeof config.collections_dir === "string" ? config.collections_dir.replace(/^\/+|\/+$/g, "") : "";
  return entries
    .filter(([label]) => label !== "posts")
    .map(([label, settings]) => ({
      label,
      output: settings.output === true,
      permalink: collectionTemplate(settings.permalink, config.permalink),
      directory: folder === "" ? `_${label}` : `${folder}/_${label}`,
      ...(typeof settings.sort_by === "string" ? { sortBy: settings.sort_by } : {}),
      ...(Array.isArray(settings.order) ? { order: asStrings(settings.order) } : {}),
    }));
}

/** The `posts` collection Jekyll always has: written, at `collections: posts: permalink:` or the site's style. */
export function postsCollectionOf(config: Data): CollectionSettings {
  const settings = asRecord(asRecord(config.collections).posts);
  return { label: "posts", output: true, permalink: postTemplate(settings.permalink, config.permalink), directory: "_posts" };
}

interface DefaultsSet {
  path: string;
  type: string | undefined;
  values: Data;
}

function deepMerge(base: Data, over: Data): Data {
  const merged: Data = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = merged[key];
    const bothMaps = value && typeof value === "object" && !Array.isArray(value) && before && typeof before === "object" && !Array.isArray(before);
    merged[key] = bothMaps ? deepMerge(before as Data, value as Data) : value;
  }
  return merged;
}

/**
 * `defaults:` (FrontmatterDefaults): the values of every set whose scope matches a file, a more
 * specific scope (a longer path, then one with a type) over a less specific one, the file's own
 * front matter over all of them.
 */
export function frontMatterDefaultsOf(config: Data): (relative: string, type: string, frontMatter: Data) => Data {
  const sets: DefaultsSet[] = (Array.isArray(config.defaults) ? config.defaults : []).map((entry) => {
    const scope = asRecord(asRecord(entry).scope);
    return {
      path: typeof scope.path === "string" ? scope.path.replace(/^\.?\/+|\/+$/g, "") : "",
      type: typeof scope.type === "string" ? scope.type : undefined,
      values: asRecord(asRecord(entry).values),
    };
  });
  return (relative, type, frontMatter) => {
    const matching = sets
      .filter((set) => (set.type === undefined || set.type === type) && matchesPath(set.path, relative))
      .map((set, index) => ({ set, index }))
      .sort((a, b) => a.set.path.length - b.set.path.length || Number(a.set.type !== undefined) - Number(b.set.type !== undefined) || a.index - b.index);
    let data: Data = {};
    for (const { set } of matching) data = deepMerge(data, set.values);
    return deepMerge(data, frontMatter);
  };
}

function matchesPath(scopePath: string, relative: string): boolean {
  if (scopePath === "") return true;
  if (scopePath.includes("*")) return fnmatch(scopePath, relative) || fnmatch(`${scopePath}/**`, relative);
  return relative === scopePath || relative.startsWith(`${scopePath}/`);
}

/** Whether `_config.yml` lists the plugin in `plugins:` (or the older `gems:`). */
export function listsPlugin(config: Data, name: string): boolean {
  return asStrings(config.plugins).includes(name) || asStrings(config.gems).includes(name);
}

/** `plugins:` (and the older `gems:`) that this generator has no equivalent for. */
export function unknownPluginsOf(config: Data): string[] {
  return [...new Set([...asStrings(config.plugins), ...asStrings(config.gems)])].filter((name) => !EQUIVALENT_PLUGINS.has(name));
}
