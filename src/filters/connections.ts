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

const byTitle = new Intl.Collator("en").compare;

/**
 * Every tutorial asks for the same lists from the same collection arrays (built once per
 * build), so each list is computed once per array and type rather than once per page.
 */
const guidesByCollection = new WeakMap<object, Map<SshTunnelType, unknown[]>>();

export function sshConnectionGuides<T extends ConnectionDoc>(docs: unknown, type: unknown = "generic"): T[] {
  if (type !== "generic" && type !== "amazon") {
    throw new Error(`ssh-type must be "generic" or "amazon", not ${JSON.stringify(type)}`);
  }
  if (!Array.isArray(docs)) return [];
  let lists = guidesByCollection.get(docs);
  if (!lists) guidesByCollection.set(docs, (lists = new Map()));
  let guides = lists.get(type) as T[] | undefined;
  if (!guides) {
    const wantAmazon = type === "amazon";
    guides = (docs as T[]).filter((doc) => doc.ssh === true && (doc.amazon === true) === wantAmazon).sort((a, b) => byTitle(String(a.title), String(b.title)));
    lists.set(type, guides);
  }
  // A copy: a caller that changes its list must not change the next page's.
  return guides.slice();
}

export const connectionFilters = {
  ssh_connection_guides: sshConnectionGuides,
};
