import { DEFAULT_SSH_PORT, parsePort } from "../firewall/port.ts";
import { firewallRulesFor } from "../firewall/tools.ts";
import type { IpRegion } from "./ip-addresses.ts";

/**
 * `{{ region | firewall_rules: port }}`: for a region of `ip_addresses_by_region`, every tool's
 * rules ({ key, name, howTo, blocks: [{ language, text, html }] }), where `html` marks each port
 * with `<span data-firewall-port>` for the page's port field.
 */

function firewallRules(region: IpRegion, port: unknown = DEFAULT_SSH_PORT) {
  if (!region || !Array.isArray(region.addresses)) {
    throw new Error("firewall_rules: expected a region from ip_addresses_by_region");
  }
  try {
    return firewallRulesFor(region, port);
  } catch (error) {
    throw new Error(`firewall_rules for ${region.name}: ${(error as Error).message}`);
  }
}

export const firewallFilters = {
  firewall_rules: firewallRules,
  /** `{{ include.port | firewall_port }}`: the port checked (1-65535), or a clear error. */
  firewall_port: (port: unknown) => parsePort(port ?? DEFAULT_SSH_PORT),
};
