import { type AllowList, addressesOfFamily } from "./allow-list.ts";
import { joinSnippets, portSpot, type Snippet, snippet } from "./snippet.ts";

/** The placeholder the reader replaces, in the tutorials' `<PUBLIC KEY>` style. */
export const SECURITY_GROUP_PLACEHOLDER = "<SECURITY GROUP ID>";

/**
 * One `aws ec2 authorize-security-group-ingress` adding every address to a security group, each
 * with a description. `--ip-permissions` takes JSON: unlike the CLI's shorthand, its quoting is
 * unambiguous and the same in every CLI version.
 */
export function awsCliCommand(list: AllowList, port: number): Snippet {
  const spot = portSpot(port);
  const ranges = (family: 4 | 6, key: string) =>
    addressesOfFamily(list, family).map((address) => snippet`      {"${key}": "${address.cidr}", "Description": "${list.label}"}`);
  const v4 = ranges(4, "CidrIp");
  const v6 = ranges(6, "CidrIpv6");
  const groups = [
    v4.length > 0 ? joinSnippets([snippet`    "IpRanges": [`, joinSnippets(v4, ",\n"), snippet`    ]`], "\n") : undefined,
    v6.length > 0 ? joinSnippets([snippet`    "Ipv6Ranges": [`, joinSnippets(v6, ",\n"), snippet`    ]`], "\n") : undefined,
  ].filter((group): group is Snippet => group !== undefined);
  return joinSnippets(
    [
      snippet`aws ec2 authorize-security-group-ingress \\`,
      snippet`  --group-id ${SECURITY_GROUP_PLACEHOLDER} \\`,
      snippet`  --ip-permissions '[{`,
      snippet`    "IpProtocol": "tcp", "FromPort": ${spot}, "ToPort": ${spot},`,
      joinSnippets(groups, ",\n"),
      snippet`  }]'`,
    ],
    "\n",
  );
}
