import { absoluteUrl, relativeUrl } from "../model/urls.ts";

/** Jekyll's URL filters, bound to the site's base URL and host. */
export function urlFilters(baseurl: string, siteUrl: string) {
  return {
    relative_url: (input: unknown) => relativeUrl(input, baseurl),
    absolute_url: (input: unknown) => absoluteUrl(input, baseurl, siteUrl),
  };
}
