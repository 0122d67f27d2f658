import { toValue } from "liquidjs";
import { absoluteUrl, relativeUrl } from "../model/urls.ts";

/** Jekyll's URL filters, bound to the site's base URL and host; nil stays nil, as in Jekyll. */
export function urlFilters(baseurl: string, siteUrl: string) {
  return {
    relative_url: (input: unknown) => (toValue(input) == null ? undefined : relativeUrl(input, baseurl)),
    absolute_url: (input: unknown) => (toValue(input) == null ? undefined : absoluteUrl(input, baseurl, siteUrl)),
  };
}
