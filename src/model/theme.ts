import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { jekyllDirectories, type SiteDirectories, siteDirectories } from "./settings.ts";

/**
 * The built-in theme: this project's own site (its `_includes/` with the layouts, and
 * `content/assets/`), which a Jekyll site falls back on where it has no layout or include of
 * its own of that name: the package's root, the nearest folder above this module (src/model/, or
 * the compiled tool's folder) that holds a package.json.
 */

export const THEME_ROOT = packageRootAbove(path.dirname(fileURLToPath(import.meta.url)));

function packageRootAbove(folder: string): string {
  if (existsSync(path.join(folder, "package.json"))) return folder;
  const parent = path.dirname(folder);
  return parent === folder ? folder : packageRootAbove(parent);
}

/** Whether `root` is a Jekyll site tree (it has `_config.yml` or `_layouts/`) rather than this repository's layout. */
export function isJekyllTree(root: string): boolean {
  return existsSync(path.join(root, "_config.yml")) || existsSync(path.join(root, "_layouts"));
}

/** The folders of the site at `root`, whichever layout it has. */
export function siteDirectoriesFor(root: string, output = "_site"): SiteDirectories {
  return isJekyllTree(root) ? jekyllDirectories(root, output, THEME_ROOT) : siteDirectories(root, output);
}
