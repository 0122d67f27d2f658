/**
 * Which connection guides an SSH tutorial links to. Pages of a collection say `ssh: true` when
 * Stitch can reach them through an SSH tunnel and `amazon: true` when they are hosted in Amazon
 * Web Services, whose tunnels the Amazon tutorial covers instead of the generic one.
 */
export type SshTunnelType = "generic" | "amazon";

interface ConnectionDoc {
  title?: unknown;
  ssh?: unknown;
  amazon?: unknown;
}

export function sshConnectionGuides<T extends ConnectionDoc>(docs: unknown, type: unknown = "generic"): T[] {
  if (type !== "generic" && type !== "amazon") {
    throw new Error(`ssh-type must be "generic" or "amazon", not ${JSON.stringify(type)}`);
  }
  const wantAmazon = type === "amazon";
  return ((Array.isArray(docs) ? docs : []) as T[])
    .filter((doc) => doc.ssh === true && (doc.amazon === true) === wantAmazon)
    .sort((a, b) => String(a.title).localeCompare(String(b.title), "en"));
}

export const connectionFilters = {
  ssh_connection_guides: sshConnectionGuides,
};
