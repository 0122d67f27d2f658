import { baseurlProblem, siteUrlProblem } from "../../model/settings.ts";
import { finding, type Finding } from "../finding.ts";
import type { SiteSource } from "../../model/read-site.ts";
import { locationOfPath } from "../../model/yaml-positions.ts";

/**
 * `baseurl` and `url` in `_data/site.yml`: every output path starts with the base URL, and the
 * site's URL is written into every page's head, the sitemap and robots.txt. A base URL with `..`
 * would write the site outside its folder; a URL with a line break would add lines to robots.txt.
 */
export function checkSiteSettings(source: SiteSource): Finding[] {
  const file = source.dataFiles.find((data) => data.file === "_data/site.yml");
  if (!file || file.yaml.errors.length > 0) return [];
  const settings = file.yaml.doc.toJS() as Record<string, unknown> | null;
  if (!settings || typeof settings !== "object") return [];
  const problems = [
    ["baseurl", baseurlProblem(settings.baseurl)],
    ["url", siteUrlProblem(settings.url)],
  ] as const;
  return problems.flatMap(([key, problem]) =>
    problem ? [finding("site-settings", "error", locationOfPath(file.yaml, [key]), `${key} ${JSON.stringify(settings[key])} can't be used: ${problem}`)] : [],
  );
}
