import { filters as liquidFilters } from "liquidjs";
import { localTime, parseTimeText } from "../model/post-dates.ts";
import { YamlDate, YamlTime } from "../model/yaml-psych.ts";
import { zoneAbbreviationAt } from "../support/time-zones.ts";

/**
 * Liquid's `date` as Ruby's runs in Jekyll (Utils.to_date, then strftime): a Time (a post's
 * date, a timestamp from YAML) is formatted in its own zone, as Ruby's Time#strftime is (a data
 * file's `+0200` stays `+0200`); text is read as Time.parse reads it, in the site's zone when it
 * names none (Jekyll's `timezone:`, the engine's `timezoneOffset`); `now` and seconds are in the
 * site's zone; %Z is a local time's zone name, and empty for a time in a written offset. LiquidJS's
 * own `date` would print every time in one zone, and read text in the process's.
 */

type DateFilter = (this: unknown, input: unknown, format?: unknown, zone?: unknown) => unknown;
interface DateFilterThis {
  context: { opts: { timezoneOffset?: number | string } };
}

const liquidDate = liquidFilters.date as DateFilter;

/** What the input is as Ruby's Time: the instant, its offset (minutes east) and its %Z. */
interface RubyTime {
  milliseconds: number;
  offsetMinutes: number;
  zoneName: string;
}

const fromYamlTime = (time: YamlTime): RubyTime => ({
  milliseconds: time.getTime(),
  offsetMinutes: time.offsetMinutes,
  zoneName: time.local ? zoneAbbreviationAt(time.getTime(), time.local.zone) : "",
});

function rubyTimeOf(input: unknown, zone: string | undefined): RubyTime | undefined {
  if (input instanceof YamlTime) return fromYamlTime(input);
  // Ruby's Date: midnight, at +0000 (its %Z is `+00:00`).
  if (input instanceof YamlDate) return { milliseconds: input.getTime(), offsetMinutes: 0, zoneName: "+00:00" };
  if (input instanceof Date) return fromYamlTime(localTime(input.getTime(), zone));
  if (typeof input === "number" && Number.isFinite(input)) return fromYamlTime(localTime(input * 1000, zone));
  if (typeof input !== "string") return undefined;
  const text = input.trim().toLowerCase();
  if (text === "now" || text === "today") return fromYamlTime(localTime(Date.now(), zone));
  if (/^\d+$/.test(text)) return fromYamlTime(localTime(Number(text) * 1000, zone));
  const parsed = parseTimeText(input, zone);
  return parsed && fromYamlTime(parsed);
}

/**
 * Ruby's strftime codes that stand for others (`%F` is `%Y-%m-%d`, `%c` is Ruby's fixed
 * `%a %b %e %H:%M:%S %Y` where LiquidJS's follows the locale), written out for LiquidJS's.
 */
const COMPOSITE_CODES: Record<string, string> = {
  c: "%a %b %e %H:%M:%S %Y",
  x: "%m/%d/%y",
  X: "%H:%M:%S",
  D: "%m/%d/%y",
  F: "%Y-%m-%d",
  T: "%H:%M:%S",
  R: "%H:%M",
  r: "%I:%M:%S %p",
  h: "%b",
  v: "%e-%^b-%Y",
  n: "\n",
  t: "\t",
};

/** The ISO 8601 week-based year and week of a day given as UTC fields (Ruby's %G, %g, %V). */
function isoWeek(day: Date): { year: number; week: number } {
  // The week's Thursday decides its year; week 1 is the one whose Thursday falls in Jan 1-7.
  const thursday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7));
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) };
}

/** `format` with Ruby's codes LiquidJS lacks written out; `%Z`, `%G`, `%g` and `%V` need the time. */
function rubyFormat(format: string, time: RubyTime | undefined): string {
  const local = time && new Date(time.milliseconds + time.offsetMinutes * 60_000);
  return format.replace(/%(%|[cxXDFTRrhvntZGgV])/g, (whole, code: string) => {
    if (code === "%") return whole;
    if (COMPOSITE_CODES[code] !== undefined) return COMPOSITE_CODES[code];
    if (!time || !local) return whole;
    if (code === "Z") return time.zoneName.replace(/%/g, "%%");
    const { year, week } = isoWeek(local);
    return code === "G" ? String(year) : code === "g" ? String(year % 100).padStart(2, "0") : String(week).padStart(2, "0");
  });
}

function date(this: DateFilterThis, input: unknown, format?: unknown, zone?: unknown): unknown {
  if (zone !== undefined) return liquidDate.call(this, input, format, zone);
  const siteZone = this.context.opts.timezoneOffset;
  const time = rubyTimeOf(input, typeof siteZone === "string" ? siteZone : undefined);
  // Text Time.parse reads and these shapes don't ("March 5, 2024"): LiquidJS's reading.
  if (!time || typeof format !== "string") return liquidDate.call(this, input, typeof format === "string" ? rubyFormat(format, undefined) : format);
  // LiquidJS counts an offset in minutes west of UTC, as Date#getTimezoneOffset does.
  return liquidDate.call(this, new Date(time.milliseconds), rubyFormat(format, time), -time.offsetMinutes);
}

export const rubyDateFilters = { date };
