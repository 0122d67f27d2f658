import { describe, expect, it } from "vitest";
import { AddressError, parseAllowList, parseSourceAddress } from "../../src/firewall/addresses.ts";
import { allowListFor } from "../../src/firewall/allow-list.ts";
import { awsCliCommand } from "../../src/firewall/aws.ts";
import { firewalldCommands } from "../../src/firewall/firewalld.ts";
import { iptablesRestoreFile } from "../../src/firewall/iptables.ts";
import { nftablesRuleset } from "../../src/firewall/nftables.ts";
import { PortError, parsePort } from "../../src/firewall/port.ts";
import { type Snippet, snippetHtml, snippetText } from "../../src/firewall/snippet.ts";
import { FIREWALL_TOOLS, firewallRulesFor } from "../../src/firewall/tools.ts";
import { ufwCommands } from "../../src/firewall/ufw.ts";

const NORTH_AMERICA = ["52.23.137.21/32", "52.204.223.208/32", "52.204.228.32/32", "52.204.230.227/32"];
const list = allowListFor("north-america", "North America", NORTH_AMERICA);
const mixed = allowListFor("lab", "Lab (test)", ["192.0.2.0/24", "2001:db8::/32", "2001:db9::1"]);

const lines = (snippet: Snippet) => snippetText(snippet).split("\n");

describe("addresses", () => {
  it("parses IPv4 and IPv6 blocks and gives a bare address its host prefix", () => {
    expect(parseSourceAddress("52.23.137.21/32")).toMatchObject({ cidr: "52.23.137.21/32", family: 4, prefix: 32 });
    expect(parseSourceAddress(" 34.194.200.23 ")).toMatchObject({ cidr: "34.194.200.23/32", family: 4 });
    expect(parseSourceAddress("2001:db8::/32")).toMatchObject({ cidr: "2001:db8::/32", family: 6, prefix: 32 });
    expect(parseSourceAddress("::ffff:192.0.2.1")).toMatchObject({ family: 6, prefix: 128 });
  });

  it.each([
    ["52.204.228", /not an IPv4 or IPv6 address/],
    ["52.23.137.21/33", /prefix length above \/32/],
    ["52.23.137.21/x", /invalid prefix length/],
    ["52.23.137.21/24", /bits set after its \/24 prefix/],
    ["2001:db8::1/32", /bits set after its \/32 prefix/],
    ["", /not an IPv4 or IPv6 address/],
  ])("rejects %j", (text, message) => {
    expect(() => parseSourceAddress(text)).toThrow(AddressError);
    expect(() => parseSourceAddress(text)).toThrow(message);
  });

  it("names the entry that repeats or overlaps another", () => {
    expect(() => parseAllowList(["52.23.137.21/32", "10.0.0.0/8", "52.23.137.21"])).toThrow(/entry 3: .* overlaps entry 1/);
    expect(() => parseAllowList(["10.1.2.3/32", "10.0.0.0/8"])).toThrow(/entry 2: "10.0.0.0\/8" overlaps entry 1/);
    expect(() => parseAllowList(["1.2.3.4", "nope"])).toThrow(/entry 2: "nope" is not/);
    expect(parseAllowList(["10.0.0.0/9", "10.128.0.0/9", "2001:db8::/32"])).toHaveLength(3);
  });
});

describe("ports", () => {
  it("accepts 1 to 65535 as numbers or digit strings", () => {
    expect(parsePort(22)).toBe(22);
    expect(parsePort("2222")).toBe(2222);
    expect(parsePort(65535)).toBe(65535);
  });
  it.each([0, 65536, "22a", "", 22.5, -1, null, undefined])("rejects %j", (value) => {
    expect(() => parsePort(value)).toThrow(PortError);
  });
});

describe("rule generators", () => {
  it("ufw: one allow per address, on the port, with a comment", () => {
    expect(lines(ufwCommands(list, 2222))).toEqual(
      NORTH_AMERICA.map((cidr) => `sudo ufw allow proto tcp from ${cidr} to any port 2222 comment 'Stitch North America'`),
    );
  });

  it("iptables: an iptables-restore file of inserted ACCEPT rules, without chain declarations", () => {
    const file = lines(iptablesRestoreFile(list, 22));
    expect(file[0]).toBe("*filter");
    expect(file.at(-1)).toBe("COMMIT");
    expect(file.filter((line) => line.startsWith(":"))).toEqual([]);
    expect(file.slice(1, -1)).toEqual(
      NORTH_AMERICA.map((cidr) => `-I INPUT -s ${cidr} -p tcp -m tcp --dport 22 -m comment --comment "Stitch North America" -j ACCEPT`),
    );
  });

  it("iptables: IPv4 and IPv6 addresses go to separate files", () => {
    expect(snippetText(iptablesRestoreFile(mixed, 22, 4))).toContain("-s 192.0.2.0/24");
    expect(snippetText(iptablesRestoreFile(mixed, 22, 4))).not.toMatch(/2001:db[89]/);
    const v6 = snippetText(iptablesRestoreFile(mixed, 22, 6));
    expect(v6).toContain("-s 2001:db8::/32");
    expect(v6).toContain("-s 2001:db9::1/128");
    expect(v6).not.toContain("192.0.2.0");
  });

  it("nftables: a named set per family and one inserted rule per set", () => {
    const text = snippetText(nftablesRuleset(mixed, 2222));
    expect(text).toContain("set stitch_lab {\n    type ipv4_addr\n    flags interval\n    elements = { 192.0.2.0/24 }");
    expect(text).toContain("set stitch_lab_v6 {\n    type ipv6_addr");
    expect(text).toContain("elements = { 2001:db8::/32, 2001:db9::1/128 }");
    expect(text).toContain('insert rule inet filter input ip saddr @stitch_lab tcp dport 2222 accept comment "Stitch Lab (test)"');
    expect(text).toContain("insert rule inet filter input ip6 saddr @stitch_lab_v6 tcp dport 2222 accept");
    expect(text).not.toMatch(/policy/);
  });

  it("firewalld: a permanent rich rule per address in its family, then a reload", () => {
    const commands = lines(firewalldCommands(mixed, 22));
    expect(commands).toEqual([
      `sudo firewall-cmd --permanent --add-rich-rule='rule family="ipv4" source address="192.0.2.0/24" port port="22" protocol="tcp" accept'`,
      `sudo firewall-cmd --permanent --add-rich-rule='rule family="ipv6" source address="2001:db8::/32" port port="22" protocol="tcp" accept'`,
      `sudo firewall-cmd --permanent --add-rich-rule='rule family="ipv6" source address="2001:db9::1/128" port port="22" protocol="tcp" accept'`,
      "sudo firewall-cmd --reload",
    ]);
  });

  it("AWS CLI: one command whose --ip-permissions JSON holds every range and the port", () => {
    const text = snippetText(awsCliCommand(mixed, 2222));
    expect(text).toMatch(/^aws ec2 authorize-security-group-ingress \\\n {2}--group-id <SECURITY GROUP ID> \\\n {2}--ip-permissions '/);
    const json = JSON.parse(/--ip-permissions '([^']*)'/.exec(text)![1]!);
    expect(json).toEqual([
      {
        IpProtocol: "tcp",
        FromPort: 2222,
        ToPort: 2222,
        IpRanges: [{ CidrIp: "192.0.2.0/24", Description: "Stitch Lab (test)" }],
        Ipv6Ranges: [
          { CidrIpv6: "2001:db8::/32", Description: "Stitch Lab (test)" },
          { CidrIpv6: "2001:db9::1/128", Description: "Stitch Lab (test)" },
        ],
      },
    ]);
  });

  it("keeps rule comments free of characters that would need quoting", () => {
    const odd = allowListFor("x'y", `It's "odd" $(rm -rf)`, ["192.0.2.1"]);
    expect(odd.label).toBe("Stitch It s odd (rm -rf)");
    expect(odd.identifier).toBe("stitch_x_y");
  });
});

describe("every tool's blocks", () => {
  const tools = firewallRulesFor({ key: "lab", name: "Lab", addresses: ["192.0.2.0/24", "2001:db8::/32"] }, 4022);

  it("lists the five tools in order", () => {
    expect(tools.map((tool) => tool.key)).toEqual(["ufw", "iptables", "nftables", "firewalld", "aws"]);
    expect(FIREWALL_TOOLS).toHaveLength(5);
  });

  it("marks every port in the HTML, and only the port", () => {
    for (const tool of tools) {
      for (const block of tool.blocks) {
        const spots = block.html.match(/<span class="firewall-port" data-firewall-port>4022<\/span>/g) ?? [];
        expect(spots.length, `${tool.key}`).toBe(block.text.match(/\b4022\b/g)!.length);
        expect(
          block.html
            .replace(/<span[^>]*>|<\/span>/g, "")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&amp;/g, "&"),
        ).toBe(block.text);
      }
    }
  });

  it("has no blank line (the component must stay one HTML block inside markdown)", () => {
    for (const block of tools.flatMap((tool) => tool.blocks)) expect(block.text).not.toMatch(/\n\s*\n/);
  });

  it("gives iptables one block per address family", () => {
    const iptables = tools.find((tool) => tool.key === "iptables")!;
    expect(iptables.blocks.map((block) => block.text.split("\n")[0])).toEqual([
      "sudo iptables-restore --noflush <<'EOF'",
      "sudo ip6tables-restore --noflush <<'EOF'",
    ]);
  });

  it("refuses a bad port or address with the reason", () => {
    expect(() => firewallRulesFor({ key: "x", name: "X", addresses: ["192.0.2.1"] }, 0)).toThrow(/1 to 65535/);
    expect(() => firewallRulesFor({ key: "x", name: "X", addresses: ["192.0.2.300"] }, 22)).toThrow(/entry 1: "192.0.2.300"/);
  });

  it("escapes HTML in rule text", () => {
    expect(snippetHtml(["a <b> & c"])).toBe("a &lt;b&gt; &amp; c");
  });
});
