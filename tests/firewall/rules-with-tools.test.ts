import { isIP } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { firewallRulesFor } from "../../src/firewall/tools.ts";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";
import { describeNeeding, executable, missingOf, rootRequirement, run, runOk } from "../helpers/system.ts";
import { componentsOn, type RegionOnPage, regionsOfComponent } from "./page.ts";

/**
 * The rules the built pages show, checked with the real tools where they can check without
 * applying anything: `nft -c -f` and `iptables-restore --test`, inside a network namespace of
 * the test's own. ufw, firewalld and the AWS CLI are not installed; their commands are parsed by
 * bash itself (stub functions record the argv each tool would get) and checked structurally.
 */

const nft = executable("/usr/sbin/nft", "/sbin/nft");
const iptablesRestore = executable("/usr/sbin/iptables-restore", "/sbin/iptables-restore");
const ip6tablesRestore = executable("/usr/sbin/ip6tables-restore", "/sbin/ip6tables-restore");
const ipTool = executable("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
const bash = executable("/usr/bin/bash", "/bin/bash");

const missing = missingOf([
  rootRequirement(),
  ["/usr/sbin/nft (Debian package nftables)", nft !== undefined],
  ["/usr/sbin/iptables-restore and ip6tables-restore (Debian package iptables)", !!iptablesRestore && !!ip6tablesRestore],
  ["/usr/sbin/ip (Debian package iproute2)", ipTool !== undefined],
  ["bash", bash !== undefined],
]);

const TUTORIALS = [
  "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection",
  "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services",
];
const SAMPLE_GROUP = "sg-0123456789abcdef0";

/** The argv of each stubbed tool call a block makes, as bash parses it, with any standard input. */
interface ToolCall {
  argv: string[];
  stdin?: string;
}

const STUBS = String.raw`
set -euo pipefail
record() { printf '%s\0' "$@"; if [ -n "${"$"}{WITH_STDIN:-}" ]; then printf 'STDIN:%s\n\0' "$(cat)"; fi; printf '\036\0'; }
sudo() { "$@"; }
ufw() { record ufw "$@"; }
firewall-cmd() { record firewall-cmd "$@"; }
aws() { record aws "$@"; }
iptables-restore() { WITH_STDIN=1 record iptables-restore "$@"; }
ip6tables-restore() { WITH_STDIN=1 record ip6tables-restore "$@"; }
nft() { WITH_STDIN=1 record nft "$@"; }
`;

function shellCalls(block: string): ToolCall[] {
  // A reader replaces the placeholder before running the command, as the page says.
  const script = block.replaceAll("<SECURITY GROUP ID>", SAMPLE_GROUP);
  runOk(bash!, ["-n", "-c", script]);
  const output = runOk(bash!, ["-c", `${STUBS}\n${script}`]);
  const calls: ToolCall[] = [];
  let current: ToolCall = { argv: [] };
  for (const field of output.split("\0").slice(0, -1)) {
    if (field === "\u001e") {
      calls.push(current);
      current = { argv: [] };
    } else if (field.startsWith("STDIN:")) current.stdin = field.slice("STDIN:".length);
    else current.argv.push(field);
  }
  return calls;
}

let site: BuiltSite;
let namespace: string | undefined;
const regionsByPage = new Map<string, RegionOnPage[]>();

const inNamespace = (command: string, args: string[], input?: string) => run(ipTool!, ["netns", "exec", namespace!, command, ...args], { input });

function expectAccepted(result: ReturnType<typeof run>, what: string) {
  expect(result.status, `${what}:\n${result.stderr}`).toBe(0);
}

describeNeeding("firewall rules on the built pages, checked with the real tools", missing, () => {
  beforeAll(async () => {
    site = await buildProjectSite();
    for (const url of TUTORIALS) {
      const $ = await site.page(url);
      regionsByPage.set(
        url,
        componentsOn($).flatMap((component) => regionsOfComponent($, component)),
      );
    }
    namespace = `stitch-fw-${process.pid}`;
    runOk(ipTool!, ["netns", "add", namespace]);
  });

  afterAll(async () => {
    if (namespace) run(ipTool!, ["netns", "delete", namespace]);
    await site?.cleanup();
  });

  it("finds both regions' rules for every tool on both tutorials", () => {
    for (const url of TUTORIALS) {
      const regions = regionsByPage.get(url)!;
      expect(
        regions.map((region) => region.key),
        url,
      ).toEqual(["north-america", "europe"]);
      for (const region of regions) {
        expect(Object.keys(region.rules)).toEqual(["ufw", "iptables", "nftables", "firewalld", "aws"]);
      }
    }
  });

  it("nft -c accepts each nftables ruleset, which allows exactly the region's addresses on port 22", () => {
    for (const [url, regions] of regionsByPage) {
      for (const region of regions) {
        const calls = region.rules.nftables!.flatMap(shellCalls);
        expect(calls.map((call) => call.argv)).toEqual([["nft", "-f", "-"]]);
        const ruleset = calls[0]!.stdin!;
        expectAccepted(inNamespace(nft!, ["-c", "-f", "-"], ruleset), `${url} ${region.key}`);
        const elements = /elements = \{ ([^}]*) \}/.exec(ruleset)![1]!.split(", ");
        expect(elements).toEqual(region.addresses);
        expect(ruleset).toMatch(/ tcp dport 22 accept /);
      }
    }
  });

  it("iptables-restore --test accepts each iptables file, one rule per address on port 22", () => {
    for (const [url, regions] of regionsByPage) {
      for (const region of regions) {
        const calls = region.rules.iptables!.flatMap(shellCalls);
        expect(calls.map((call) => call.argv)).toEqual([["iptables-restore", "--noflush"]]);
        const file = calls[0]!.stdin!;
        expectAccepted(inNamespace(iptablesRestore!, ["--test", "--noflush"], file), `${url} ${region.key}`);
        const rules = file.split("\n").filter((line) => line.startsWith("-I INPUT"));
        expect(rules.map((line) => /-s (\S+)/.exec(line)![1])).toEqual(region.addresses);
        for (const line of rules) expect(line).toContain(" -p tcp -m tcp --dport 22 ");
      }
    }
  });

  it("the checks can fail: a broken address or port is refused by both tools", () => {
    const region = regionsByPage.get(TUTORIALS[0]!)![0]!;
    const ruleset = region.rules.nftables!.flatMap(shellCalls)[0]!.stdin!;
    const file = region.rules.iptables!.flatMap(shellCalls)[0]!.stdin!;
    const address = region.addresses[0]!;
    expect(inNamespace(nft!, ["-c", "-f", "-"], ruleset.replace(address, address.replace(/\/32$/, "/33"))).status).not.toBe(0);
    expect(inNamespace(nft!, ["-c", "-f", "-"], ruleset.replace("dport 22", "dport 70000")).status).not.toBe(0);
    expect(inNamespace(iptablesRestore!, ["--test", "--noflush"], file.replace(address, "52.23.137.300/32")).status).not.toBe(0);
    expect(inNamespace(iptablesRestore!, ["--test", "--noflush"], file.replace("--dport 22", "--dport 70000")).status).not.toBe(0);
  });

  it("ufw commands, as bash parses them, allow each address on tcp port 22", () => {
    for (const regions of regionsByPage.values()) {
      for (const region of regions) {
        const calls = region.rules.ufw!.flatMap(shellCalls);
        expect(calls.map((call) => call.argv)).toEqual(
          region.addresses.map((cidr) => ["ufw", "allow", "proto", "tcp", "from", cidr, "to", "any", "port", "22", "comment", `Stitch ${region.heading}`]),
        );
        for (const cidr of region.addresses) expect(isIP(cidr.split("/")[0]!)).toBe(4);
      }
    }
  });

  it("firewalld commands add a well-formed rich rule per address, then reload", () => {
    const richRule = /^rule family="ipv([46])" source address="([^"]+)" port port="(\d+)" protocol="tcp" accept$/;
    for (const regions of regionsByPage.values()) {
      for (const region of regions) {
        const calls = region.rules.firewalld!.flatMap(shellCalls).map((call) => call.argv);
        expect(calls.at(-1)).toEqual(["firewall-cmd", "--reload"]);
        const rules = calls.slice(0, -1).map((argv) => {
          expect(argv.slice(0, 2)).toEqual(["firewall-cmd", "--permanent"]);
          expect(argv).toHaveLength(3);
          const match = richRule.exec(argv[2]!.replace(/^--add-rich-rule=/, ""));
          expect(match, argv[2]).not.toBeNull();
          const [, family, cidr, port] = match!;
          expect(isIP(cidr!.split("/")[0]!)).toBe(Number(family));
          expect(port).toBe("22");
          return cidr;
        });
        expect(rules).toEqual(region.addresses);
      }
    }
  });

  it("the AWS CLI command passes valid --ip-permissions JSON with every range on port 22", () => {
    for (const regions of regionsByPage.values()) {
      for (const region of regions) {
        const calls = region.rules.aws!.flatMap(shellCalls).map((call) => call.argv);
        expect(calls).toHaveLength(1);
        const [argv] = calls;
        expect(argv!.slice(0, 6)).toEqual(["aws", "ec2", "authorize-security-group-ingress", "--group-id", SAMPLE_GROUP, "--ip-permissions"]);
        expect(argv).toHaveLength(7);
        const permissions = JSON.parse(argv![6]!) as Array<Record<string, unknown>>;
        expect(permissions).toHaveLength(1);
        expect(permissions[0]).toMatchObject({ IpProtocol: "tcp", FromPort: 22, ToPort: 22 });
        const ranges = permissions[0]!.IpRanges as Array<{ CidrIp: string; Description: string }>;
        expect(ranges.map((range) => range.CidrIp)).toEqual(region.addresses);
        for (const range of ranges) expect(range.Description).toMatch(/^[A-Za-z0-9 ._()-]{1,255}$/);
      }
    }
  });

  it("IPv6 addresses and another port are accepted too (nft, iptables-restore, ip6tables-restore)", () => {
    const tools = firewallRulesFor({ key: "lab", name: "Lab", addresses: ["192.0.2.0/24", "2001:db8::/32", "2001:db9::1"] }, 65535);
    const blocks = Object.fromEntries(tools.map((tool) => [tool.key, tool.blocks.map((block) => block.text)]));
    const nftCall = blocks.nftables!.flatMap(shellCalls)[0]!;
    expectAccepted(inNamespace(nft!, ["-c", "-f", "-"], nftCall.stdin), "nft, IPv4 + IPv6");
    const restoreCalls = blocks.iptables!.flatMap(shellCalls);
    expect(restoreCalls.map((call) => call.argv[0])).toEqual(["iptables-restore", "ip6tables-restore"]);
    expectAccepted(inNamespace(iptablesRestore!, ["--test", "--noflush"], restoreCalls[0]!.stdin), "iptables-restore");
    expectAccepted(inNamespace(ip6tablesRestore!, ["--test", "--noflush"], restoreCalls[1]!.stdin), "ip6tables-restore");
    const aws = JSON.parse(blocks.aws!.flatMap(shellCalls)[0]!.argv[6]!);
    expect(aws[0].Ipv6Ranges.map((range: { CidrIpv6: string }) => range.CidrIpv6)).toEqual(["2001:db8::/32", "2001:db9::1/128"]);
    expect(aws[0].FromPort).toBe(65535);
  });
});
