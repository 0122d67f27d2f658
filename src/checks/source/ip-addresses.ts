import { IP_FILE, REGIONS_FILE, regionListProblem } from "../../filters/ip-addresses.ts";
import { overlaps, parseSourceAddress, type SourceAddress } from "../../firewall/addresses.ts";
import type { DataFile, SiteModel, YamlDataFile } from "../../model/site-model.ts";
import { locationOfPath, type YamlPath } from "../../model/yaml-positions.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * Stitch's IP addresses (`_data/stitch/ip-addresses.yml`) and the regions that name their lists
 * (`regions.yml`): readers paste them into firewalls, so every entry must be an address or CIDR
 * block as the firewall generators accept it (src/firewall/addresses.ts), listed once. Checked on
 * the data as the build read it; a problem is located in the file only once there is one.
 */

const problem = (file: YamlDataFile, path: YamlPath, message: string) => finding("ip-addresses", "error", locationOfPath(file.yaml, path), message);

const isYaml = (file: DataFile): file is YamlDataFile => file.yaml !== undefined;

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function checkList(file: YamlDataFile, listName: string, list: unknown): Finding[] {
  if (!Array.isArray(list)) return [problem(file, [listName], `"${listName}" must be a list of \`- ip: <address>\` entries`)];
  const findings: Finding[] = [];
  const valid: Array<{ address: SourceAddress; text: string }> = [];
  list.forEach((item: unknown, index) => {
    const ip = isMapping(item) ? item.ip : undefined;
    if (ip === undefined || ip === null || typeof ip === "object") {
      findings.push(problem(file, [listName, index], `each entry of "${listName}" needs an \`ip:\` with an address`));
      return;
    }
    const text = String(ip).trim();
    try {
      const address = parseSourceAddress(text);
      const earlier = valid.find((other) => overlaps(other.address, address));
      if (earlier) findings.push(problem(file, [listName, index, "ip"], `"${text}" in "${listName}" overlaps "${earlier.text}"; list each address once`));
      else valid.push({ address, text });
    } catch (error) {
      findings.push(problem(file, [listName, index, "ip"], `${(error as Error).message} in "${listName}"`));
    }
  });
  return findings;
}

function checkRegions(regions: YamlDataFile, lists: Record<string, unknown>): Finding[] {
  if (!Array.isArray(regions.data)) return [problem(regions, [], "must be a list of regions with `key`, `name` and `ip-list`")];
  return regions.data.flatMap((region: unknown, index): Finding[] => {
    const key = String((isMapping(region) ? region.key : undefined) ?? "?");
    const listName = isMapping(region) && region["ip-list"] != null && typeof region["ip-list"] !== "object" ? String(region["ip-list"]) : undefined;
    if (listName === undefined) return [problem(regions, [index], `region "${key}" needs an \`ip-list:\``)];
    const list = lists[listName];
    return Array.isArray(list) && list.length > 0 ? [] : [problem(regions, [index, "ip-list"], regionListProblem(key, listName, lists))];
  });
}

export function checkIpAddresses(model: SiteModel): Finding[] {
  const file = model.dataFiles.find((data) => data.file === IP_FILE);
  if (!file || !isYaml(file) || file.data === undefined) return [];
  if (!isMapping(file.data)) return [problem(file, [], "must map list names to lists of addresses")];
  const lists = file.data;
  const findings = Object.entries(lists).flatMap(([listName, list]) => checkList(file, listName, list));
  const regions = model.dataFiles.find((data) => data.file === REGIONS_FILE);
  if (regions && isYaml(regions) && regions.data !== undefined) findings.push(...checkRegions(regions, lists));
  return findings;
}
