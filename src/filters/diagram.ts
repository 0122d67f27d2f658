import { tunnelDiagramSvg } from "../diagram/ssh-tunnel-svg.ts";
import { DEFAULT_SSH_PORT, parsePort } from "../firewall/port.ts";
import { ipAddressesByRegion } from "./ip-addresses.ts";

/**
 * `{{ site.data.stitch | ssh_tunnel_diagram: id, ssh-port, database, database-port }}`: the
 * SSH tunnel as inline SVG (_includes/shared/ssh-tunnel-diagram.html), drawn from the same
 * regions as every address list (ip_addresses_by_region), so picture and steps can't disagree.
 * `database-port` may be empty or nil: the picture then says "its port".
 */

const drawn = new WeakMap<object, Map<string, string>>();

function sshTunnelDiagram(stitch: unknown, id: unknown, sshPort: unknown, database: unknown, databasePort: unknown): string {
  const regions = ipAddressesByRegion(stitch);
  const diagram = {
    id: String(id ?? "ssh-tunnel-diagram"),
    regions,
    sshPort: parsePort(sshPort ?? DEFAULT_SSH_PORT),
    database: typeof database === "string" && database.trim() !== "" ? database.trim() : "Database",
    databasePort: databasePort == null || databasePort === "" ? null : parsePort(databasePort),
  };
  // Every tutorial draws the same picture: once per build for each set of parameters.
  const key = JSON.stringify([diagram.id, diagram.sshPort, diagram.database, diagram.databasePort]);
  let byKey = drawn.get(regions);
  if (!byKey) drawn.set(regions, (byKey = new Map()));
  let svg = byKey.get(key);
  if (svg === undefined) byKey.set(key, (svg = tunnelDiagramSvg(diagram)));
  return svg;
}

export const diagramFilters = { ssh_tunnel_diagram: sshTunnelDiagram };
