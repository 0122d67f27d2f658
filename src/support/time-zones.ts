import { tzAbbreviationAt } from "./tz-abbreviations.ts";

/**
 * Calendar arithmetic in a named IANA time zone (Jekyll's `timezone:`), without touching the
 * process's TZ: builds run in-process, several at once, and each may name its own zone. Without
 * a zone, the build's own local zone is used, as Jekyll's Time is without `timezone:`.
 */

/** Whether `name` is a time zone this runtime knows (`America/New_York`, `UTC`). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formats.set(zone, format);
  }
  return format;
}

/** Minutes east of UTC in `zone` (the local zone without one) at the instant `milliseconds`. */
export function offsetMinutesAt(milliseconds: number, zone?: string): number {
  if (zone === undefined) return -new Date(milliseconds).getTimezoneOffset();
  const parts: Record<string, string> = {};
  for (const part of formatFor(zone).formatToParts(new Date(milliseconds))) parts[part.type] = part.value;
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const whole = milliseconds - (((milliseconds % 1000) + 1000) % 1000);
  return Math.round((wall - whole) / 60_000);
}

/**
 * The instant at which the clocks of `zone` (the local zone without one) show this wall time;
 * a time skipped by a change to summer time moves forward by the change, as Ruby's Time.local does.
 */
export function instantOfWallTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0, zone?: string): number {
  if (zone === undefined) return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const guess = wall - offsetMinutesAt(wall, zone) * 60_000;
  const corrected = wall - offsetMinutesAt(guess, zone) * 60_000;
  return offsetMinutesAt(corrected, zone) === offsetMinutesAt(guess, zone) ? corrected : Math.max(guess, corrected);
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's short name at that instant, as strftime's %Z prints a local time (`EST`, `CEST`,
 * `JST`): from the system's tz database, as the C library reads it for Ruby; Intl's name (which
 * is `GMT+1` where the database says `CET`) only where the database has no file for the zone.
 */
export function zoneAbbreviationAt(milliseconds: number, zone?: string): string {
  const fromDatabase = tzAbbreviationAt(milliseconds, () => offsetMinutesAt(milliseconds, zone), zone);
  if (fromDatabase !== undefined) return fromDatabase;
  const key = zone ?? "";
  let format = abbreviations.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" });
    abbreviations.set(key, format);
  }
  return format.formatToParts(new Date(milliseconds)).find((part) => part.type === "timeZoneName")?.value ?? "";
}
