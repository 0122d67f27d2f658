import {
  boolYaml11Tag,
  defineScalarTag,
  EVENT_ID,
  type Event,
  floatYaml11Tag,
  getScalarValue,
  intYaml11Tag,
  NOT_RESOLVED,
  Schema,
  timestampTag,
  YAML11_SCHEMA,
} from "js-yaml";
import { RubyFloat } from "../support/ruby-float.ts";
import { offsetMinutesAt } from "../support/time-zones.ts";

/**
 * YAML as Jekyll reads it (Ruby's Psych, YAML 1.1): `yes`/`no`/`on`/`off` in any letter case are
 * booleans (`y` and `n` stay text, as in Psych), `2024-01-15` is a date and a full timestamp a
 * time, octal `0777`, `1_000`, merge keys `<<`. Dates and times print as Ruby prints them
 * (`2024-01-15`, `2024-01-15 10:30:00 +0200`), which is what Liquid shows for them in Jekyll.
 * Duplicate keys and further documents are what Psych accepts silently; here they are notes.
 */

/** A date without a time: prints and serialises as `YYYY-MM-DD`, as Ruby's Date does. */
export class YamlDate extends Date {
  override toString(): string {
    return this.toISOString().slice(0, 10);
  }
  override toJSON(): string {
    return this.toString();
  }
}

/** A timestamp: prints in the offset it was written with, as Ruby's Time does. */
export class YamlTime extends Date {
  constructor(
    time: number,
    /** Minutes east of UTC. */
    readonly offsetMinutes: number,
    /**
     * A local time's zone (Ruby's `localtime`: its %Z is the zone's short name), `zone` undefined
     * for the build's own; none for a time in the offset it was written with (its %Z is empty).
     */
    readonly local?: { zone?: string },
  ) {
    super(time);
  }
  override toString(): string {
    const local = new Date(this.getTime() + this.offsetMinutes * 60_000).toISOString();
    const sign = this.offsetMinutes < 0 ? "-" : "+";
    const offset = Math.abs(this.offsetMinutes);
    const zone = `${sign}${String(Math.floor(offset / 60)).padStart(2, "0")}${String(offset % 60).padStart(2, "0")}`;
    return `${local.slice(0, 10)} ${local.slice(11, 19)} ${zone}`;
  }
  override toJSON(): string {
    return this.toString();
  }
}

const PSYCH_TRUE = /^(?:yes|true|on)$/i;
const PSYCH_FALSE = /^(?:no|false|off)$/i;

const psychBool = defineScalarTag<boolean>(boolYaml11Tag.tagName, {
  implicit: true,
  implicitFirstChars: ["y", "Y", "n", "N", "t", "T", "f", "F", "o", "O"],
  resolve: (source) => (PSYCH_TRUE.test(source) ? true : PSYCH_FALSE.test(source) ? false : NOT_RESOLVED),
  identify: (data) => typeof data === "boolean",
});

const DATE_ONLY = /^\d{4}-\d\d?-\d\d?$/;
const ZONE = /(?:\s*(Z)|\s*([-+])(\d\d?)(?::?(\d\d))?)$/;

/**
 * Timestamps; one without a zone is read as UTC, and with `local` shown as a local time (Psych's
 * `Time.at`: `2024-06-01 10:00:00` prints `2024-06-01 06:00:00 -0400` with TZ=America/New_York).
 */
const psychTimestampTag = (local?: { zone?: string }) =>
  defineScalarTag<Date>(timestampTag.tagName, {
    implicit: true,
    implicitFirstChars: "0123456789".split(""),
    resolve: (source, isExplicit, tagName) => {
      const date = timestampTag.resolve(source, isExplicit, tagName);
      if (date === NOT_RESOLVED) return date;
      if (DATE_ONLY.test(source)) return new YamlDate(date.getTime());
      const zone = ZONE.exec(source);
      if (!zone && local) return new YamlTime(date.getTime(), offsetMinutesAt(date.getTime(), local.zone), local);
      const offset = !zone || zone[1] ? 0 : (zone[2] === "-" ? -1 : 1) * (Number(zone[3]) * 60 + Number(zone[4] ?? 0));
      return new YamlTime(date.getTime(), offset);
    },
    identify: (data) => data instanceof Date,
  });
const psychTimestamp = psychTimestampTag();

/**
 * Psych's base 60 (ScalarScanner#tokenize): two or three `:` groups, each weighed by
 * 60 ** |index - 2|, so `1:30` is 5400 (not 90), `12:30:45` is 45045 and `-1:30` is -1800 (the
 * sign goes with the first group only); with more groups the value is text.
 */
const PSYCH_BASE60_INT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/;
const PSYCH_BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$/;
const base60 = (source: string, part: (text: string) => number) =>
  source.split(":").reduce((sum, group, index) => sum + part(group.replace(/_/g, "")) * 60 ** Math.abs(index - 2), 0);

const psychInt = defineScalarTag<number>(intYaml11Tag.tagName, {
  implicit: true,
  implicitFirstChars: intYaml11Tag.implicitFirstChars,
  resolve: (source, isExplicit, tagName) => {
    if (PSYCH_BASE60_INT.test(source)) return base60(source, (group) => Number.parseInt(group, 10));
    if (source.includes(":")) return NOT_RESOLVED;
    return intYaml11Tag.resolve(source, isExplicit, tagName);
  },
  identify: intYaml11Tag.identify,
});

const psychFloat = defineScalarTag<number>(floatYaml11Tag.tagName, {
  implicit: true,
  implicitFirstChars: floatYaml11Tag.implicitFirstChars,
  resolve: (source, isExplicit, tagName) => {
    if (PSYCH_BASE60_FLOAT.test(source)) return base60(source, (group) => Number.parseFloat(group));
    if (source.includes(":")) return NOT_RESOLVED;
    return floatYaml11Tag.resolve(source, isExplicit, tagName);
  },
  identify: floatYaml11Tag.identify,
});

const PSYCH_TAGS: Record<string, (typeof YAML11_SCHEMA.tags)[number]> = {
  [boolYaml11Tag.tagName]: psychBool,
  [timestampTag.tagName]: psychTimestamp,
  [intYaml11Tag.tagName]: psychInt,
  [floatYaml11Tag.tagName]: psychFloat,
};

export const PSYCH_SCHEMA = new Schema(YAML11_SCHEMA.tags.map((tag) => PSYCH_TAGS[tag.tagName] ?? tag));

/** A float as Ruby's Float (`4.0` prints `4.0`, not `4`), for a Jekyll site's templates. */
const rubyFloat = defineScalarTag<RubyFloat>(floatYaml11Tag.tagName, {
  implicit: true,
  implicitFirstChars: floatYaml11Tag.implicitFirstChars,
  resolve: (source, isExplicit, tagName) => {
    const value = psychFloat.resolve(source, isExplicit, tagName);
    return value === NOT_RESOLVED ? value : new RubyFloat(value);
  },
  identify: (data) => data instanceof RubyFloat,
});

const jekyllSchemas = new Map<string, Schema>();

/**
 * PSYCH_SCHEMA for a Jekyll site's YAML: floats as Ruby's, and a timestamp without a zone a local
 * time in the site's zone (`timeZone`, the build's own without one), as Psych makes them with
 * Jekyll's TZ. This repository's own site keeps JavaScript numbers (its schema checks and
 * navigation read `weight: 2.0` as a number) and UTC.
 */
export function jekyllYamlSchema(timeZone?: string): Schema {
  let schema = jekyllSchemas.get(timeZone ?? "");
  if (!schema) {
    const timestamp = psychTimestampTag({ zone: timeZone });
    schema = new Schema(
      PSYCH_SCHEMA.tags.map((tag) => (tag.tagName === floatYaml11Tag.tagName ? rubyFloat : tag.tagName === timestampTag.tagName ? timestamp : tag)),
    );
    jekyllSchemas.set(timeZone ?? "", schema);
  }
  return schema;
}

/** Something Psych reads without a word that the author should hear of; `position` is the offset in the text. */
export interface YamlNote {
  position: number;
  message: string;
}

interface Frame {
  mapping: boolean;
  atKey: boolean;
  keys: Set<string>;
}

const positionOf = (event: Event): number | undefined =>
  event.type === EVENT_ID.SCALAR ? event.valueStart : event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING ? event.start : undefined;

/** Duplicate keys (the last wins, as in Psych) and documents after the first (ignored, as Jekyll does). */
export function psychNotes(source: string, events: Event[]): YamlNote[] {
  const notes: YamlNote[] = [];
  const frames: Frame[] = [];
  let documents = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.type === EVENT_ID.DOCUMENT) {
      if (++documents === 2) {
        const next = events.slice(i + 1).find((later) => positionOf(later) !== undefined);
        const position = next ? positionOf(next)! : Math.max(0, source.indexOf("---", 1));
        notes.push({
          position,
          message:
            "a second YAML document starts here (after `---`): Jekyll reads only the first one and ignores the rest; remove it, or merge it into the first",
        });
      }
      frames.push({ mapping: false, atKey: false, keys: new Set() });
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      frames.pop();
      continue;
    }
    const parent = frames[frames.length - 1];
    if (parent?.mapping) {
      if (parent.atKey && event.type === EVENT_ID.SCALAR) {
        const key = getScalarValue(source, event);
        if (parent.keys.has(key) && key !== "<<") {
          notes.push({
            position: event.valueStart,
            message: `duplicate key "${key}": Jekyll uses this last one and ignores the one before; remove one of them`,
          });
        }
        parent.keys.add(key);
      }
      parent.atKey = !parent.atKey;
    }
    if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING)
      frames.push({ mapping: event.type === EVENT_ID.MAPPING, atKey: true, keys: new Set() });
  }
  return notes;
}
