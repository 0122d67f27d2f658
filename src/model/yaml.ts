import { constructFromEvents, EVENT_ID, type Event, parseEvents, YAMLException } from "js-yaml";
import { jekyllYamlSchema, PSYCH_SCHEMA, psychNotes, type YamlNote } from "./yaml-psych.ts";

/**
 * The build's YAML reader (js-yaml: front matter, `_data/` files, the site settings), reading
 * YAML as Jekyll does (Psych's YAML 1.1, yaml-psych.ts), with two limits that keep whatever reads
 * the data afterwards bounded:
 *
 * - Nesting: lists and mappings at most 100 inside each other (js-yaml's own default, made
 *   explicit and reported as such). Deeper text makes parsers, and everything that walks the
 *   data, recurse that deep: 10,000 `[` took the positional parser to a stack overflow, 500,000
 *   to gigabytes.
 * - Aliases: js-yaml shares an anchor's value wherever an alias repeats it, so a few lines of
 *   anchors inside anchors ("billion laughs") parse into a small object that stands for billions
 *   of values; the schema checks, `jsonify` and Eleventy's data merge then walk every one of
 *   them. The aliases of one document may stand for at most 100,000 values in all (reuse as
 *   people write it, a block of settings repeated in a few places, stands for tens), and an
 *   alias may not repeat a node it is inside of (the data would contain itself).
 */

export const YAML_NESTING_LIMIT = 100;
export const YAML_ALIASED_VALUES_LIMIT = 100_000;

/** YAML refused for a limit rather than for its syntax; `position` is the offset in the text. */
export class YamlLimitError extends Error {
  override name = "YamlLimitError";
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Where in the text js-yaml (or a limit) refused it, when it says. */
export function yamlErrorPosition(error: unknown): number | undefined {
  if (error instanceof YamlLimitError) return error.position;
  return error instanceof YAMLException ? error.mark?.position : undefined;
}

/** Why js-yaml refused the text, without its source snippet. */
export function yamlErrorReason(error: unknown): string {
  if (error instanceof YAMLException) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

function parseBoundedEvents(text: string): Event[] {
  try {
    return parseEvents(text, { maxDepth: YAML_NESTING_LIMIT });
  } catch (error) {
    if (error instanceof YAMLException && error.reason.includes("maxDepth")) {
      const message =
        `lists and mappings are nested more than ${YAML_NESTING_LIMIT} deep here: the build's YAML reader stops at ` +
        `${YAML_NESTING_LIMIT} levels, because everything that reads the data would recurse that deep; flatten the data`;
      throw new YamlLimitError(message, error.mark?.position ?? 0);
    }
    throw error;
  }
}

const OPEN = Symbol("an anchored collection still open");

/** Throws a YamlLimitError at the first alias past the limits (see the module's comment). */
function checkAliases(text: string, events: Event[]): void {
  // Values each anchor stands for, by name; OPEN while its collection is being read.
  const anchors = new Map<string, number | typeof OPEN>();
  const open: Array<{ anchor?: string; valuesBefore: number }> = [];
  let values = 0;
  let aliased = 0;
  const anchorOf = (event: { anchorStart: number; anchorEnd: number }) => (event.anchorStart < 0 ? undefined : text.slice(event.anchorStart, event.anchorEnd));
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      anchors.clear();
      open.push({ valuesBefore: values });
    } else if (event.type === EVENT_ID.SCALAR) {
      values++;
      const anchor = anchorOf(event);
      if (anchor !== undefined) anchors.set(anchor, 1);
    } else if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) {
      const anchor = anchorOf(event);
      open.push({ anchor, valuesBefore: values });
      values++;
      if (anchor !== undefined) anchors.set(anchor, OPEN);
    } else if (event.type === EVENT_ID.POP) {
      const frame = open.pop();
      // Unless an anchor of the same name inside it took the name over.
      if (frame?.anchor !== undefined && anchors.get(frame.anchor) === OPEN) anchors.set(frame.anchor, values - frame.valuesBefore);
    } else if (event.type === EVENT_ID.ALIAS) {
      const name = text.slice(event.anchorStart, event.anchorEnd);
      const size = anchors.get(name);
      const position = event.anchorStart - 1;
      if (size === OPEN) {
        throw new YamlLimitError(
          `alias "*${name}" repeats a list or mapping it is inside of: the data would contain itself, and reading it would never end`,
          position,
        );
      }
      // An alias with no anchor is js-yaml's to report.
      const repeated = size ?? 1;
      values += repeated;
      aliased += repeated;
      if (aliased > YAML_ALIASED_VALUES_LIMIT) {
        // Finite: the limit was checked at every alias before, so no anchor holds more than the text plus the limit.
        throw new YamlLimitError(
          `alias "*${name}" repeats ${repeated.toLocaleString("en-US")} values (aliases inside anchors multiply), taking this YAML's aliases past ` +
            `${YAML_ALIASED_VALUES_LIMIT.toLocaleString("en-US")} repeated values in all: whatever reads the data walks every repetition; ` +
            "write the values out, or repeat less",
          position,
        );
      }
    }
  }
}

/**
 * How a site's YAML is read: a Jekyll site's (`jekyll`) has Ruby's floats (`4.0` prints `4.0`)
 * and its timestamps without a zone are local times in the site's zone (yaml-psych.ts).
 */
export interface YamlReading {
  jekyll?: { timeZone?: string };
}

/**
 * Parses `text` as Jekyll's Psych does (the first document; text with none, such as the empty
 * front matter of `---` then `---`, or a data file of comments, is nil), refusing
 * what exceeds the limits with a YamlLimitError at the place that does. What Psych accepts
 * silently (duplicate keys, further documents) comes back as notes.
 */
export function loadYaml(text: string, reading: YamlReading = {}): { data: unknown; notes: YamlNote[] } {
  const source = String(text);
  const events = parseBoundedEvents(source);
  checkAliases(source, events);
  // `json`: a later duplicate key replaces the earlier one (and an explicit key a merged one), as in Psych.
  const documents = constructFromEvents(events, { source, schema: reading.jekyll ? jekyllYamlSchema(reading.jekyll.timeZone) : PSYCH_SCHEMA, json: true });
  return { data: documents.length === 0 ? null : documents[0], notes: psychNotes(source, events) };
}

/** loadYaml's verdict: the data and its notes, or the error it threw and where in the text, when it says. */
export type YamlVerdict = { ok: true; data: unknown; notes: YamlNote[] } | { ok: false; error: unknown; position?: number };

export function readYaml(text: string, reading: YamlReading = {}): YamlVerdict {
  try {
    return { ok: true, ...loadYaml(text, reading) };
  } catch (error) {
    return { ok: false, error, position: yamlErrorPosition(error) };
  }
}
