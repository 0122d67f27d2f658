import { isIP } from "node:net";
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { finding, type Finding } from "./finding.ts";
import type { DataFileSource, SiteSource } from "./site-source.ts";
import { locationAt } from "./yaml-source.ts";

/**
 * Stitch's IP addresses (`_data/stitch/ip-addresses.yml`): readers paste them into firewalls, so
 * each must be an address (`52.23.137.21`) or a CIDR block (`52.23.137.21/32`) exactly.
 */
export const IP_ADDRESSES_FILE = "_data/stitch/ip-addresses.yml";

/** Why `value` is no IP address or CIDR block, or undefined when it is one. */
export function ipProblem(value: string): string | undefined {
  const [address = "", prefix, ...rest] = value.split("/");
  const version = isIP(address);
  if (version === 0) return "is not an IPv4 or IPv6 address";
  if (rest.length > 0) return "has more than one `/`";
  if (prefix === undefined) return undefined;
  const max = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `has an invalid prefix length "/${prefix}" (0 to ${max})`;
  return undefined;
}

function checkList(file: DataFileSource, listName: string, list: Node | null): Finding[] {
  const at = (node: Node | null | undefined) => locationAt(file.yaml, node?.range?.[0] ?? 0);
  if (!isSeq(list)) return [finding("ip-addresses", "error", at(list), `"${listName}" must be a list of \`- ip: <address>\` entries`)];
  return list.items.flatMap((item): Finding[] => {
    const ip = isMap(item) ? (item.get("ip", true) as Node | undefined) : undefined;
    if (!isScalar(ip)) {
      return [finding("ip-addresses", "error", at(item as Node), `each entry of "${listName}" needs an \`ip:\` with an address`)];
    }
    const value = String(ip.value ?? "").trim();
    const problem = ipProblem(value);
    return problem ? [finding("ip-addresses", "error", at(ip), `"${value}" in "${listName}" ${problem}`)] : [];
  });
}

export function checkIpAddresses(source: SiteSource): Finding[] {
  const file = source.dataFiles.find((data) => data.file === IP_ADDRESSES_FILE);
  if (!file || file.yaml.doc.errors.length > 0) return [];
  const root = file.yaml.doc.contents;
  if (!isMap(root)) return [finding("ip-addresses", "error", locationAt(file.yaml, 0), "must map list names to lists of addresses")];
  return root.items.flatMap((pair) => (isScalar(pair.key) ? checkList(file, String(pair.key.value), pair.value as Node | null) : []));
}
