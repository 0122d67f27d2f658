import { baseurlProblem, siteUrlProblem } from "../../model/settings.ts";
import type { SiteModel } from "../../model/site-model.ts";
import { locationOfPath } from "../../model/yaml-positions.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * `_data/site.yml` (a Jekyll site's `_config.yml`): the site's settings. Without it nothing can be built (the layouts read
 * `site.title`, the build the base URL). `baseurl` and `url`: every output path starts with the
 * base URL, and the site's URL is written into every page's head, the sitemap and robots.txt. A
 * base URL with `..` would write the site outside its folder; a URL with a line break would add
 * lines to robots.txt.
 */

export const SETTINGS_FILE = "_data/site.yml";

export function checkSiteSettings(model: SiteModel): Finding[] {
  const file = model.settingsFile;
  // A Jekyll site needs no _config.yml (Jekyll's defaults hold).
  if (!file && model.kind === "jekyll") return [];
  if (!file) {
    if (model.refused.some((entry) => entry.path.endsWith("site.yml"))) return [];
    return [
      finding(
        "site-settings",
        "error",
        { file: SETTINGS_FILE, line: 1, column: 1 },
        `the site has no settings file: create ${SETTINGS_FILE} with at least its title and baseurl`,
      ),
    ];
  }
  if (file.data === undefined) return [];
  const settings = file.data;
  if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
    return [finding("site-settings", "error", { file: file.file, line: 1, column: 1 }, "the site's settings must be a mapping (key: value lines)")];
  }
  const values = settings as Record<string, unknown>;
  const problems = [
    ["baseurl", baseurlProblem(values.baseurl)],
    ["url", siteUrlProblem(values.url, { path: model.kind === "jekyll" })],
  ] as const;
  return problems.flatMap(([key, found]) =>
    found ? [finding("site-settings", "error", locationOfPath(file.yaml, [key]), `${key} ${JSON.stringify(values[key])} can't be used: ${found}`)] : [],
  );
}
