import { isMap, isScalar, isSeq, type Node } from "yaml";
import { overlaps, parseSourceAddress, type SourceAddress } from "../../firewall/addresses.ts";
import { IP_FILE, REGIONS_FILE, regionListProblem } from "../../filters/ip-addresses.ts";
import { finding, type Finding } from "../finding.ts";
import type { DataFileSource, SiteSource } from "../../model/read-site.ts";
import { locationAt } from "../../model/yaml-positions.ts";

/**
 * Stitch's IP addresses (`_data/stitch/ip-addresses.yml`) and the regions that name their lists
 * (`regions.yml`): readers paste them into firewalls, so every entry must be an address or CIDR
 * block as the firewall generators accept it (src/firewall/addresses.ts), listed once.
 */

const at = (file: DataFileSource, node: Node | null | undefined) => locationAt(file.yaml, node?.range?.[0] ?? 0);

function checkList(file: DataFileSource, listName: string, list: Node | null): Finding[] {
  if (!isSeq(list)) return [finding("ip-addresses", "error", at(file, list), `"${listName}" must be a list of \`- ip: <address>\` entries`)];
  const findings: Finding[] = [];
  const valid: Array<{ address: SourceAddress; text: string }> = [];
  for (const item of list.items) {
    const ip = isMap(item) ? (item.get("ip", true) as Node | undefined) : undefined;
    if (!isScalar(ip)) {
      findings.push(finding("ip-addresses", "error", at(file, item as Node), `each entry of "${listName}" needs an \`ip:\` with an address`));
      continue;
    }
    const text = String(ip.value ?? "").trim();
    try {
      const address = parseSourceAddress(text);
      const earlier = valid.find((other) => overlaps(other.address, address));
      if (earlier) findings.push(finding("ip-addresses", "error", at(file, ip), `"${text}" in "${listName}" overlaps "${earlier.text}"; list each address once`));
      else valid.push({ address, text });
    } catch (error) {
      findings.push(finding("ip-addresses", "error", at(file, ip), `${(error as Error).message} in "${listName}"`));
    }
  }
  return findings;
}

function checkRegions(regions: DataFileSource, lists: Record<string, unknown>): Finding[] {
  const root = regions.yaml.doc.contents;
  if (!isSeq(root)) return [finding("ip-addresses", "error", at(regions, root), "must be a list of regions with `key`, `name` and `ip-list`")];
  return root.items.flatMap((item): Finding[] => {
    const region = isMap(item) ? item : undefined;
    const key = String((region?.get("key") as unknown) ?? "?");
    const listNode = region?.get("ip-list", true) as Node | undefined;
    const listName = isScalar(listNode) ? String(listNode.value) : undefined;
    if (listName === undefined) return [finding("ip-addresses", "error", at(regions, item as Node), `region "${key}" needs an \`ip-list:\``)];
    const list = lists[listName];
    return Array.isArray(list) && list.length > 0 ? [] : [finding("ip-addresses", "error", at(regions, listNode), regionListProblem(key, listName, lists))];
  });
}

export function checkIpAddresses(source: SiteSource): Finding[] {
  const file = source.dataFiles.find((data) => data.file === IP_FILE);
  if (!file || file.yaml.errors.length > 0) return [];
  const root = file.yaml.doc.contents;
  if (!isMap(root)) return [finding("ip-addresses", "error", at(file, root), "must map list names to lists of addresses")];
  const findings = root.items.flatMap((pair) => (isScalar(pair.key) ? checkList(file, String(pair.key.value), pair.value as Node | null) : []));
  const regions = source.dataFiles.find((data) => data.file === REGIONS_FILE);
  if (regions && regions.yaml.errors.length === 0) {
    findings.push(...checkRegions(regions, (file.yaml.doc.toJS() ?? {}) as Record<string, unknown>));
  }
  return findings;
}
