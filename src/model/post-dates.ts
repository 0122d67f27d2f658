import { DAY_NAMES, MONTH_NAMES } from "../support/calendar.ts";
import { instantOfWallTime, offsetMinutesAt } from "../support/time-zones.ts";
import { YamlDate, YamlTime } from "./yaml-psych.ts";

/**
 * A post's date as Jekyll 4.3 makes it (Utils.parse_date: `Time.parse(value.to_s).localtime`):
 * from its file name (`2024-03-05-title.md`, midnight) or its front matter `date:`, which wins;
 * either way in the site's time zone (`timezone:` in _config.yml, which Jekyll sets TZ from; else
 * the build's own zone), as Jekyll's Time is. It prints as Ruby's Time prints
 * (`2024-03-05 00:00:00 -0500`), and the `date` filter formats it in that zone, as Liquid does.
 */

/** A point in time in `zone` (the local zone without one), printing as Ruby's local Time. */
export function localTime(milliseconds: number, zone?: string): YamlTime {
  return new YamlTime(milliseconds, offsetMinutesAt(milliseconds, zone), { zone });
}

const DATE_TEXT = /^(\d{2,4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[-+]\d{2}(?::?\d{2})?)?$/i;

/** Time.parse for the shapes a post's date is written in, then `localtime`; undefined when it is not a date. */
export function parsePostDate(value: unknown, zone?: string): YamlTime | undefined {
  if (value instanceof YamlDate)
    return localTime(instantOfWallTime(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), 0, 0, 0, 0, zone), zone);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : localTime(value.getTime(), zone);
  const parsed = typeof value === "string" ? parseTimeText(value, zone) : undefined;
  return parsed && localTime(parsed.getTime(), zone);
}

/** Time.parse for those shapes: in the offset written, else in `zone` (the local zone without one). */
export function parseTimeText(text: string, zone?: string): YamlTime | undefined {
  const match = DATE_TEXT.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0", written] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const milliseconds = Math.round(Number(`0.${fraction}`) * 1000);
  if (written === undefined) return localTime(instantOfWallTime(y, mo, d, h, mi, s, milliseconds, zone), zone);
  const offset = written.toUpperCase() === "Z" ? 0 : zoneMinutes(written);
  return new YamlTime(Date.UTC(y, mo - 1, d, h, mi, s, milliseconds) - offset * 60_000, offset);
}

function zoneMinutes(zone: string): number {
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith("-") ? -minutes : minutes;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** ISO 8601 week-numbering year and week (strftime's %G and %V), of a date whose UTC fields are the calendar's. */
function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const january4 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const days = (thursday.getTime() - january4.getTime()) / 86_400_000;
  return { year: thursday.getUTCFullYear(), week: 1 + Math.round((days - 3 + ((january4.getUTCDay() + 6) % 7)) / 7) };
}

/** The date placeholders of a post's permalink (Drops::UrlDrop), in the post date's own zone. */
export function datePlaceholders(time: Date): Record<string, string> {
  const offset = time instanceof YamlTime ? time.offsetMinutes : -time.getTimezoneOffset();
  // The UTC fields of `date` are the wall clock's in that zone.
  const date = new Date(time.getTime() + offset * 60_000);
  const dayOfYear =
    Math.round((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const week = isoWeek(date);
  return {
    year: String(date.getUTCFullYear()),
    month: pad(date.getUTCMonth() + 1),
    day: pad(date.getUTCDate()),
    hour: pad(date.getUTCHours()),
    minute: pad(date.getUTCMinutes()),
    second: pad(date.getUTCSeconds()),
    i_day: String(date.getUTCDate()),
    i_month: String(date.getUTCMonth() + 1),
    short_month: MONTH_NAMES[date.getUTCMonth()]!.slice(0, 3),
    long_month: MONTH_NAMES[date.getUTCMonth()]!,
    short_year: pad(date.getUTCFullYear() % 100),
    y_day: pad(dayOfYear, 3),
    w_year: String(week.year),
    week: pad(week.week),
    w_day: String(date.getUTCDay() === 0 ? 7 : date.getUTCDay()),
    short_day: DAY_NAMES[date.getUTCDay()]!.slice(0, 3),
    long_day: DAY_NAMES[date.getUTCDay()]!,
  };
}
