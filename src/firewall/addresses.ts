import { isIPv4, isIPv6 } from "node:net";

/**
 * A source address block of an allow-list, parsed and checked: firewalls disagree on what they
 * tolerate (nftables rejects overlapping set elements, AWS silently rewrites host bits), so the
 * data is held to the strictest reading and every mistake is reported before a rule is written.
 */

export interface SourceAddress {
  /** As it goes into a rule: the address with its prefix length (`52.23.137.21/32`). */
  cidr: string;
  family: 4 | 6;
  prefix: number;
  network: bigint;
}

export class AddressError extends Error {
  override name = "AddressError";
}

const BITS = { 4: 32, 6: 128 } as const;

function ipv4ToBigInt(address: string): bigint {
  return address.split(".").reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two more 16-bit groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const tail = ipv4ToBigInt(v4[1]!);
    text = `${text.slice(0, v4.index)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** `52.23.137.21/32`, `10.0.0.0/8`, `2001:db8::/32`; a bare address means that one host. */
export function parseSourceAddress(text: string): SourceAddress {
  const trimmed = text.trim();
  const [address = "", prefixText, ...rest] = trimmed.split("/");
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (!family || rest.length > 0) {
    throw new AddressError(`"${trimmed}" is not an IPv4 or IPv6 address or CIDR block (expected e.g. 52.23.137.21/32)`);
  }
  const bits = BITS[family];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) {
    throw new AddressError(`"${trimmed}" has an invalid prefix length "/${prefixText}" (expected /0 to /${bits})`);
  }
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) throw new AddressError(`"${trimmed}" has a prefix length above /${bits}`);
  const value = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostBits = BigInt(bits - prefix);
  const network = (value >> hostBits) << hostBits;
  if (network !== value) {
    throw new AddressError(`"${trimmed}" has bits set after its /${prefix} prefix; write the block's first address, or /${bits} for the single host`);
  }
  return { cidr: `${address}/${prefix}`, family, prefix, network };
}

/** Whether two blocks share an address (one contains the other). */
export function overlaps(a: SourceAddress, b: SourceAddress): boolean {
  return contains(a, b) || contains(b, a);
}

function contains(outer: SourceAddress, inner: SourceAddress): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  const shift = BigInt(BITS[outer.family] - outer.prefix);
  return outer.network >> shift === inner.network >> shift;
}

/**
 * Parses an allow-list. Throws an AddressError naming the entry (1-based) for an invalid
 * address, or for one that repeats or lies inside another (nftables refuses overlapping sets).
 */
export function parseAllowList(entries: readonly string[]): SourceAddress[] {
  const parsed: SourceAddress[] = [];
  entries.forEach((entry, index) => {
    let address: SourceAddress;
    try {
      address = parseSourceAddress(entry);
    } catch (error) {
      throw new AddressError(`entry ${index + 1}: ${(error as Error).message}`);
    }
    const earlier = parsed.findIndex((other) => overlaps(other, address));
    if (earlier >= 0) {
      throw new AddressError(`entry ${index + 1}: "${entry.trim()}" overlaps entry ${earlier + 1} ("${entries[earlier]!.trim()}"); list each address once`);
    }
    parsed.push(address);
  });
  return parsed;
}
