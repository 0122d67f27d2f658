import { parseAllowList, type SourceAddress } from "./addresses.ts";

/** What every generator works from: one region's addresses and the names rules carry. */
export interface AllowList {
  /** A comment/description on each rule, so the reader can find (and later remove) them. */
  label: string;
  /** An identifier for named objects (nftables sets): lowercase letters, digits and `_`. */
  identifier: string;
  addresses: SourceAddress[];
}

/**
 * Rule comments end up inside shell quotes, iptables-restore lines and AWS descriptions; keeping
 * to letters, digits, spaces and `._()-` makes them safe in all of them without escaping.
 */
function safeLabel(text: string): string {
  return text
    .replace(/[^A-Za-z0-9 ._()-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

/** e.g. allowListFor("north-america", "North America", ["52.23.137.21/32", ...]). */
export function allowListFor(key: string, name: string, entries: readonly string[]): AllowList {
  const identifier = `stitch_${key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")}`;
  return { label: safeLabel(`Stitch ${name}`), identifier, addresses: parseAllowList(entries) };
}

export const addressesOfFamily = (list: AllowList, family: 4 | 6) => list.addresses.filter((address) => address.family === family);
