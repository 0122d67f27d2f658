import type { AllowList } from "./allow-list.ts";
import { joinSnippets, portSpot, type Snippet, snippet } from "./snippet.ts";

/**
 * One permanent rich rule per address in the default zone, then a reload to apply them. Rich
 * rules rather than a zone of sources: binding Stitch's addresses to a zone would change how
 * the server treats all of their traffic, not only SSH.
 */

export function firewalldCommands(list: AllowList, port: number): Snippet {
  const spot = portSpot(port);
  const rules = list.addresses.map(
    (address) =>
      snippet`sudo firewall-cmd --permanent --add-rich-rule='rule family="ipv${address.family}" source address="${address.cidr}" port port="${spot}" protocol="tcp" accept'`,
  );
  return joinSnippets([...rules, snippet`sudo firewall-cmd --reload`], "\n");
}
