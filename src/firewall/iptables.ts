import { type AllowList, addressesOfFamily } from "./allow-list.ts";
import { joinSnippets, portSpot, type Snippet, snippet } from "./snippet.ts";

/**
 * An `iptables-restore` file (or `ip6tables-restore`, for family 6) that inserts one ACCEPT rule
 * per address at the top of INPUT. It is meant for `--noflush`, so it declares no chains: a
 * restore without it would flush the reader's other rules. Inserting (-I) rather than appending
 * keeps the rules ahead of a final REJECT that many rulesets end INPUT with.
 */

export function iptablesRestoreFile(list: AllowList, port: number, family: 4 | 6 = 4): Snippet {
  const spot = portSpot(port);
  const rules = addressesOfFamily(list, family).map(
    (address) => snippet`-I INPUT -s ${address.cidr} -p tcp -m tcp --dport ${spot} -m comment --comment "${list.label}" -j ACCEPT`,
  );
  return joinSnippets([snippet`*filter`, ...rules, snippet`COMMIT`], "\n");
}
