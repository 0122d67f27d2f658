import path from "node:path";

/**
 * `sass:` of a Jekyll site's `_config.yml`, as jekyll-sass-converter reads it: `sass_dir` (default
 * `_sass`, below the site's folder) and `load_paths` are where `@import` looks, `style` is the
 * output's: `compressed`, else `expanded` (Jekyll's default is libsass's `compact`, and libsass
 * has `nested` too: dart-sass has neither, and expanded is the nearest).
 */

export interface SassSettings {
  /** Absolute folders, `sass_dir` first. */
  loadPaths: string[];
  style: "expanded" | "compressed";
}

export function sassSettingsOf(config: Record<string, unknown>, root: string): SassSettings {
  const sass = config.sass && typeof config.sass === "object" && !Array.isArray(config.sass) ? (config.sass as Record<string, unknown>) : {};
  const sassDir = typeof sass.sass_dir === "string" && sass.sass_dir !== "" ? sass.sass_dir : "_sass";
  const more = (Array.isArray(sass.load_paths) ? sass.load_paths : []).filter((entry): entry is string => typeof entry === "string");
  return {
    loadPaths: [sassDir, ...more].map((folder) => path.resolve(root, folder)),
    style:
      String(sass.style ?? "")
        .replace(/^:/, "")
        .toLowerCase() === "compressed"
        ? "compressed"
        : "expanded",
  };
}
