import { readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Time zone abbreviations (`CET`, `JST`, `EDT`) as the C library gives them to Ruby's `%Z`: read
 * from the system's tz database (TZif files, RFC 8536), the same files Jekyll's Ruby reads.
 * Intl's short names are not those (`GMT+1` for Europe/Berlin, `GMT+9` for Asia/Tokyo), so Intl
 * is only the fallback where the database or the zone's file is missing.
 */

interface ZoneRecord {
  /** Transition instants, seconds since the epoch, ascending. */
  transitions: number[];
  /** For each transition, the index of the local time type that starts there. */
  transitionTypes: number[];
  /** Each local time type's abbreviation and offset (seconds east of UTC). */
  types: { abbreviation: string; offset: number }[];
  /** After the last transition: the footer's rule, as standard and (if any) summer names and offsets. */
  rule?: { standard: string; standardOffset: number; summer?: string };
}

/** The zone files' folder: `TZDIR`, as the C library reads it, or Debian's. */
const zoneFolder = () => process.env.TZDIR || "/usr/share/zoneinfo";

/** A tz file is a few kilobytes; anything far larger is not one. */
const MAX_ZONE_FILE_BYTES = 1 << 20;

const records = new Map<string, ZoneRecord | undefined>();

/**
 * The abbreviation in `zone` (the process's own zone without one) at the instant; undefined
 * when no tz file can say. Past the file's last transition, the zone's offset then (minutes
 * east, asked of `offsetMinutes` only there) chooses between the footer rule's standard and
 * summer names.
 */
export function tzAbbreviationAt(milliseconds: number, offsetMinutes: () => number, zone?: string): string | undefined {
  const file = zoneFile(zone);
  if (file === undefined) return undefined;
  if (!records.has(file)) records.set(file, readZoneRecord(file));
  const record = records.get(file);
  if (!record) return undefined;
  const seconds = Math.floor(milliseconds / 1000);
  const { transitions } = record;
  if (record.rule && (transitions.length === 0 || seconds >= transitions[transitions.length - 1]!)) {
    const { standard, standardOffset, summer } = record.rule;
    return summer === undefined || offsetMinutes() * 60 === standardOffset ? standard : summer;
  }
  let low = 0;
  let high = transitions.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (transitions[middle]! <= seconds) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  // Before the first transition, RFC 8536 says local time type 0 applies.
  return record.types[found === -1 ? 0 : record.transitionTypes[found]!]?.abbreviation;
}

/** The tz file of `zone`, or of the process's zone (`TZ`, else /etc/localtime); undefined for none. */
function zoneFile(zone: string | undefined): string | undefined {
  if (zone === undefined) {
    const fromEnvironment = process.env.TZ?.replace(/^:/, "");
    if (fromEnvironment === undefined || fromEnvironment === "") return "/etc/localtime";
    zone = fromEnvironment;
  }
  // A zone name is a relative path of the database (`America/Argentina/Salta`), nothing else.
  if (!/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return undefined;
  return path.join(zoneFolder(), zone);
}

function readZoneRecord(file: string): ZoneRecord | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_ZONE_FILE_BYTES) return undefined;
    return parseTzif(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** A TZif file's last data block (64-bit times when version 2 or later) and its footer rule. */
export function parseTzif(bytes: Buffer): ZoneRecord | undefined {
  if (bytes.length < 44 || bytes.toString("latin1", 0, 4) !== "TZif") return undefined;
  const version = bytes[4]!;
  const first = readBlock(bytes, 0, 4);
  if (first === undefined) return undefined;
  if (version === 0) return first.record;
  const second = readBlock(bytes, first.end, 8);
  if (second === undefined) return first.record;
  const footer = bytes.toString("latin1", second.end).split("\n")[1];
  const rule = footer ? parsePosixRule(footer) : undefined;
  return { ...second.record, ...(rule && { rule }) };
}

function readBlock(bytes: Buffer, start: number, timeSize: 4 | 8): { record: ZoneRecord; end: number } | undefined {
  if (bytes.length < start + 44 || bytes.toString("latin1", start, start + 4) !== "TZif") return undefined;
  const count = (index: number) => bytes.readUInt32BE(start + 20 + index * 4);
  const [utCount, standardCount, leapCount, transitionCount, typeCount, charCount] = [count(0), count(1), count(2), count(3), count(4), count(5)];
  let at = start + 44;
  const end = at + transitionCount * (timeSize + 1) + typeCount * 6 + charCount + leapCount * (timeSize + 4) + standardCount + utCount;
  if (bytes.length < end || typeCount === 0) return undefined;
  const transitions: number[] = [];
  for (let i = 0; i < transitionCount; i++, at += timeSize) transitions.push(timeSize === 8 ? Number(bytes.readBigInt64BE(at)) : bytes.readInt32BE(at));
  const transitionTypes = [...bytes.subarray(at, at + transitionCount)];
  at += transitionCount;
  const typesStart = at;
  const charsStart = typesStart + typeCount * 6;
  const types = Array.from({ length: typeCount }, (_, i) => {
    const offset = bytes.readInt32BE(typesStart + i * 6);
    const nameStart = charsStart + bytes[typesStart + i * 6 + 5]!;
    const nameEnd = bytes.indexOf(0, nameStart);
    return { offset, abbreviation: bytes.toString("latin1", nameStart, nameEnd === -1 ? charsStart + charCount : nameEnd) };
  });
  return { record: { transitions, transitionTypes, types }, end };
}

/** The names and the standard offset of a POSIX TZ rule (`CET-1CEST,M3.5.0,M10.5.0/3`, `<+09>-9`). */
function parsePosixRule(rule: string): ZoneRecord["rule"] {
  const match = /^(<[^>]+>|[A-Za-z]+)([+-]?\d{1,2}(?::\d{1,2}){0,2})(<[^>]+>|[A-Za-z]+)?/.exec(rule);
  if (!match) return undefined;
  const name = (text: string) => text.replace(/^<(.*)>$/, "$1");
  const [hours = 0, minutes = 0, seconds = 0] = match[2]!.replace(/^[+-]/, "").split(":").map(Number);
  // POSIX offsets are west of UTC: `CET-1` is an hour east.
  const west = (match[2]!.startsWith("-") ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
  return { standard: name(match[1]!), standardOffset: -west, ...(match[3] !== undefined && { summer: name(match[3]) }) };
}
