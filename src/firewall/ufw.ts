import type { AllowList } from "./allow-list.ts";
import { joinSnippets, portSpot, type Snippet, snippet } from "./snippet.ts";

/** One `ufw allow` per address; ufw handles IPv4 and IPv6 alike and keeps rules across reboots. */
export function ufwCommands(list: AllowList, port: number): Snippet {
  const spot = portSpot(port);
  return joinSnippets(
    list.addresses.map((address) => snippet`sudo ufw allow proto tcp from ${address.cidr} to any port ${spot} comment '${list.label}'`),
    "\n",
  );
}
