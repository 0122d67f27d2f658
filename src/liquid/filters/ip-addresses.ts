/**
 * Stitch's IP addresses by region, from `_data/stitch/` (ip-addresses.yml + regions.yml).
 * Everything that lists addresses on a page goes through here, so editing the data changes
 * every list on every page.
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

export function ipAddressesByRegion(stitch: unknown): IpRegion[] {
  const data = (stitch ?? {}) as StitchData;
  const lists = data["ip-addresses"] ?? {};
  return (data.regions ?? []).map((region) => ({
    key: region.key,
    name: region.name,
    addresses: (lists[region["ip-list"]] ?? []).map((entry) => String(entry.ip)),
  }));
}

export const ipFilters = {
  ip_addresses_by_region: ipAddressesByRegion,
};
