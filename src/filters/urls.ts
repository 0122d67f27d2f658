import { toValue } from "liquidjs";
import { absoluteUrl, escapedPath, relativeUrl } from "../model/urls.ts";

/**
 * Jekyll's URL filters, bound to the site's base URL and host; nil stays nil, as in Jekyll. In a
 * Jekyll site (`encodePaths`) a site path comes out as Jekyll's Addressable normalizes it
 * (`/docs/Über uns.html` is `/docs/%C3%9Cber%20uns.html`); this repository's own site keeps its
 * paths as written (its templates escape them for the attribute).
 */
export function urlFilters(baseurl: string, siteUrl: string, { encodePaths = false }: { encodePaths?: boolean } = {}) {
  const relative = (input: unknown) => {
    const url = relativeUrl(input, baseurl);
    return encodePaths && url.startsWith("/") && !url.startsWith("//") ? escapedPath(url) : url;
  };
  return {
    relative_url: (input: unknown) => (toValue(input) == null ? undefined : relative(input)),
    absolute_url: (input: unknown) => (toValue(input) == null ? undefined : absoluteUrl(relative(input), "", siteUrl)),
  };
}
