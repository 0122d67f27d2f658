import { type AllowList, addressesOfFamily, allowListFor } from "./allow-list.ts";
import { awsCliCommand } from "./aws.ts";
import { firewalldCommands } from "./firewalld.ts";
import { iptablesRestoreFile } from "./iptables.ts";
import { nftablesRuleset } from "./nftables.ts";
import { parsePort } from "./port.ts";
import { joinSnippets, type Snippet, snippet, snippetHtml, snippetText } from "./snippet.ts";
import { ufwCommands } from "./ufw.ts";

/** A code block of ready-to-paste rules. */
export interface RuleBlock {
  language: "shell";
  snippet: Snippet;
}

/** A firewall the pages give rules for, in the order the pages list them. */
export interface FirewallTool {
  key: string;
  name: string;
  /** One or two sentences (markdown) on how to apply the blocks and whether they persist. */
  howTo: string;
  blocks(list: AllowList, port: number): RuleBlock[];
}

/** A file fed to a command on standard input, so one paste runs it (the body has no `EOF` line). */
const heredoc = (command: string, body: Snippet): Snippet => joinSnippets([snippet`${command} <<'EOF'`, body, snippet`EOF`], "\n");

const shell = (code: Snippet): RuleBlock => ({ language: "shell", snippet: code });

export const FIREWALL_TOOLS: readonly FirewallTool[] = [
  {
    key: "ufw",
    name: "ufw",
    howTo: "Run on the SSH server. ufw keeps the rules across restarts.",
    blocks: (list, port) => [shell(ufwCommands(list, port))],
  },
  {
    key: "iptables",
    name: "iptables",
    howTo:
      "Run on the SSH server: `--noflush` adds the rules to the ones already loaded. They last until the next restart; to keep them, save them with `sudo netfilter-persistent save` (package `iptables-persistent`).",
    blocks: (list, port) =>
      ([4, 6] as const)
        .filter((family) => addressesOfFamily(list, family).length > 0)
        .map((family) => shell(heredoc(`sudo ${family === 4 ? "iptables" : "ip6tables"}-restore --noflush`, iptablesRestoreFile(list, port, family)))),
  },
  {
    key: "nftables",
    name: "nftables",
    howTo:
      "Run on the SSH server. The rule goes into the `inet filter` table of the stock `/etc/nftables.conf`; if your ruleset names its table differently, use that name. To keep the rule after a restart, add it to `/etc/nftables.conf` too.",
    blocks: (list, port) => [shell(heredoc("sudo nft -f -", nftablesRuleset(list, port)))],
  },
  {
    key: "firewalld",
    name: "firewalld",
    howTo:
      "Run on the SSH server. The rules go into the default zone; add `--zone=<ZONE>` to each command if the server's network interface is in another one.",
    blocks: (list, port) => [shell(firewalldCommands(list, port))],
  },
  {
    key: "aws",
    name: "AWS security group (AWS CLI)",
    howTo:
      "Run wherever the AWS CLI is signed in to your account. Replace `<SECURITY GROUP ID>` with the ID of the SSH server's security group (it starts with `sg-`).",
    blocks: (list, port) => [shell(awsCliCommand(list, port))],
  },
];

/** The rules of every tool for one region's addresses and a port: what the pages show. */
export function firewallRulesFor(region: { key: string; name: string; addresses: readonly string[] }, port: unknown) {
  const list = allowListFor(region.key, region.name, region.addresses);
  const checkedPort = parsePort(port);
  return FIREWALL_TOOLS.map((tool) => ({
    key: tool.key,
    name: tool.name,
    howTo: tool.howTo,
    blocks: tool.blocks(list, checkedPort).map((block) => ({
      language: block.language,
      text: snippetText(block.snippet),
      html: snippetHtml(block.snippet),
    })),
  }));
}
