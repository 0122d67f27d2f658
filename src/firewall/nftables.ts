import { type AllowList, addressesOfFamily } from "./allow-list.ts";
import { joinSnippets, portSpot, type Snippet, snippet } from "./snippet.ts";

/**
 * A ruleset for `nft -f`: a named set of the addresses and one rule accepting them on the port,
 * in the `inet filter` table and `input` chain of Debian's and Ubuntu's stock nftables.conf.
 * Declaring the table and chain creates them when missing and leaves an existing chain's policy
 * alone (no `policy` here); `insert` puts the rule first, ahead of any drop rule. An accept in a
 * table of its own would not do: a drop in another table still drops.
 */

export function nftablesRuleset(list: AllowList, port: number): Snippet {
  const spot = portSpot(port);
  const families = ([4, 6] as const)
    .map((family) => ({ family, addresses: addressesOfFamily(list, family) }))
    .filter((group) => group.addresses.length > 0)
    .map((group) => ({
      ...group,
      set: group.family === 4 ? list.identifier : `${list.identifier}_v6`,
      type: group.family === 4 ? "ipv4_addr" : "ipv6_addr",
      match: group.family === 4 ? "ip" : "ip6",
    }));
  const sets = families.map(({ set, type, addresses }) =>
    joinSnippets(
      [
        snippet`  set ${set} {`,
        snippet`    type ${type}`,
        snippet`    flags interval`,
        snippet`    elements = { ${addresses.map((address) => address.cidr).join(", ")} }`,
        snippet`  }`,
      ],
      "\n",
    ),
  );
  const rules = families.map(
    ({ set, match }) => snippet`insert rule inet filter input ${match} saddr @${set} tcp dport ${spot} accept comment "${list.label}"`,
  );
  return joinSnippets(
    [snippet`table inet filter {`, ...sets, snippet`  chain input {`, snippet`    type filter hook input priority filter;`, snippet`  }`, snippet`}`, ...rules],
    "\n",
  );
}
