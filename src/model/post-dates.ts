import { DAY_NAMES, MONTH_NAMES } from "../support/calendar.ts";
import { YamlDate, YamlTime } from "./yaml-psych.ts";

/**
 * A post's date as Jekyll 4.3 makes it (Utils.parse_date: `Time.parse(value.to_s).localtime`):
 * from its file name (`2024-03-05-title.md`, midnight) or its front matter `date:`, which wins;
 * either way in the local time zone, as Jekyll's Time is. It prints as Ruby's Time prints
 * (`2024-03-05 00:00:00 +0000`), and the `date` filter formats it in local time, as Liquid does.
 */

/** A point in time in the local zone (minutes east of UTC at that moment), printing as Ruby's local Time. */
export function localTime(milliseconds: number): YamlTime {
  return new YamlTime(milliseconds, -new Date(milliseconds).getTimezoneOffset());
}

const DATE_TEXT = /^(\d{2,4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[-+]\d{2}(?::?\d{2})?)?$/i;

/** Time.parse for the shapes a post's date is written in; undefined when it is not a date. */
export function parsePostDate(value: unknown): YamlTime | undefined {
  if (value instanceof YamlDate) return localMidnight(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : localTime(value.getTime());
  if (typeof value !== "string") return undefined;
  const match = DATE_TEXT.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0", zone] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const milliseconds = Math.round(Number(`0.${fraction}`) * 1000);
  if (zone === undefined) return localTime(new Date(y, mo - 1, d, h, mi, s, milliseconds).getTime());
  const offset = zone.toUpperCase() === "Z" ? 0 : zoneMinutes(zone);
  return localTime(Date.UTC(y, mo - 1, d, h, mi, s, milliseconds) - offset * 60_000);
}

function localMidnight(year: number, month: number, day: number): YamlTime {
  return localTime(new Date(year, month - 1, day).getTime());
}

function zoneMinutes(zone: string): number {
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith("-") ? -minutes : minutes;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** ISO 8601 week-numbering year and week (strftime's %G and %V). */
function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const january4 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const days = (thursday.getTime() - january4.getTime()) / 86_400_000;
  return { year: thursday.getUTCFullYear(), week: 1 + Math.round((days - 3 + ((january4.getUTCDay() + 6) % 7)) / 7) };
}

/** The date placeholders of a post's permalink (Drops::UrlDrop), in local time. */
export function datePlaceholders(date: Date): Record<string, string> {
  const dayOfYear =
    Math.round((new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() - new Date(date.getFullYear(), 0, 1).getTime()) / 86_400_000) + 1;
  const week = isoWeek(date);
  return {
    year: String(date.getFullYear()),
    month: pad(date.getMonth() + 1),
    day: pad(date.getDate()),
    hour: pad(date.getHours()),
    minute: pad(date.getMinutes()),
    second: pad(date.getSeconds()),
    i_day: String(date.getDate()),
    i_month: String(date.getMonth() + 1),
    short_month: MONTH_NAMES[date.getMonth()]!.slice(0, 3),
    long_month: MONTH_NAMES[date.getMonth()]!,
    short_year: pad(date.getFullYear() % 100),
    y_day: pad(dayOfYear, 3),
    w_year: String(week.year),
    week: pad(week.week),
    w_day: String(date.getDay() === 0 ? 7 : date.getDay()),
    short_day: DAY_NAMES[date.getDay()]!.slice(0, 3),
    long_day: DAY_NAMES[date.getDay()]!,
  };
}
