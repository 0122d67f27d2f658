import type { Element } from "domhandler";
import { DomUtils, parseDocument } from "htmlparser2";
import { parseAllowList, parseSourceAddress } from "../firewall/addresses.ts";
import { DataFileError } from "./data-file-error.ts";

/**
 * Stitch's IP addresses by region, from `_data/stitch/` (ip-addresses.yml + regions.yml).
 * Everything that lists addresses on a page goes through here, so editing the data changes
 * every list on every page; a mistake in the data fails the build with the entry it is in.
 */

export interface IpRegion {
  key: string;
  name: string;
  addresses: string[];
}

interface StitchData {
  "ip-addresses"?: Record<string, Array<{ ip: string }> | undefined>;
  regions?: Array<{ key: string; name: string; "ip-list": string }>;
}

export const IP_FILE = "_data/stitch/ip-addresses.yml";
export const REGIONS_FILE = "_data/stitch/regions.yml";

/** Why a region's `ip-list` can't be used, for the filter and the checks alike. */
export function regionListProblem(regionKey: string, listName: string, lists: Record<string, unknown>): string {
  const list = lists[listName];
  const state = list === undefined ? "does not define" : "leaves empty";
  return `region "${regionKey}" uses ip-list "${listName}", which ${IP_FILE} ${state} (it defines: ${Object.keys(lists).join(", ")})`;
}

/** By `site.data.stitch`, one object per build: every step of every page asks for the regions. */
const regionsByData = new WeakMap<object, IpRegion[]>();

export function ipAddressesByRegion(stitch: unknown): IpRegion[] {
  if (typeof stitch !== "object" || stitch === null) return regionsOf({});
  let regions = regionsByData.get(stitch);
  if (!regions) regionsByData.set(stitch, (regions = regionsOf(stitch as StitchData)));
  return regions;
}

function regionsOf(data: StitchData): IpRegion[] {
  const lists = data["ip-addresses"] ?? {};
  return (data.regions ?? []).map((region) => {
    const listName = region["ip-list"];
    const list = lists[listName];
    if (!Array.isArray(list) || list.length === 0) {
      throw new DataFileError(REGIONS_FILE, regionListProblem(region.key, listName, lists));
    }
    const addresses = list.map((entry) => String(entry?.ip ?? "").trim());
    try {
      parseAllowList(addresses);
    } catch (error) {
      throw new DataFileError(IP_FILE, `list "${listName}", ${(error as Error).message}`);
    }
    return { key: region.key, name: region.name, addresses };
  });
}

/** An address as a list item may show it: the CIDR form, or undefined for any other text. */
function addressKey(text: string): string | undefined {
  try {
    return parseSourceAddress(text).cidr;
  } catch {
    return undefined;
  }
}

/** A list item's text without the lists nested in it. */
function ownText(item: Element): string {
  return item.children.map((child) => (DomUtils.isTag(child) && (child.name === "ul" || child.name === "ol") ? "" : DomUtils.textContent(child))).join("");
}

/** Marks the region component (_includes/shared/stitch-ip-addresses.html) in rendered HTML. */
export const IP_COMPONENT_ATTRIBUTE = "data-stitch-ip-addresses";

/**
 * The region whose addresses a rendered step lists as a plain list, or null (Liquid's nil: an
 * undefined value would make the layout's `if` look up an undefined variable). A list counts
 * when its items are exactly that region's addresses, in any order, with or without `/32`
 * (the seed tutorial's loop prints them as list items). A step that already holds the region
 * component is left alone. `siteData` is `site.data` (a site without `stitch` data lists none).
 */
export function listedIpRegion(html: unknown, siteData: unknown): IpRegion | null {
  const source = typeof html === "string" ? html : "";
  if (!source.includes("<li") || source.includes(IP_COMPONENT_ATTRIBUTE)) return null;
  const stitch = (siteData as { stitch?: unknown } | undefined)?.stitch;
  if (!stitch) return null;
  const regions = ipAddressesByRegion(stitch);
  // Cheap test first: most steps name no address at all.
  const hosts = regions.flatMap((region) => region.addresses.map((address) => address.split("/")[0]!));
  if (!hosts.some((host) => source.includes(host))) return null;

  // htmlparser2, which the output checks load anyway: cheerio would add half a second to every start.
  const lists = DomUtils.getElementsByTagName((name) => name === "ul" || name === "ol", parseDocument(source).children, true);
  for (const list of lists) {
    const items = list.children.filter((child): child is Element => DomUtils.isTag(child) && child.name === "li").map((item) => addressKey(ownText(item)));
    if (items.length === 0 || items.some((item) => item === undefined)) continue;
    const listed = new Set(items);
    const match = regions.find((region) => {
      const expected = new Set(region.addresses.map(addressKey));
      return expected.size === listed.size && [...expected].every((address) => listed.has(address));
    });
    if (match) return match;
  }
  return null;
}

export const ipFilters = {
  ip_addresses_by_region: ipAddressesByRegion,
  listed_ip_region: listedIpRegion,
};
