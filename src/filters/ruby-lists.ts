import { type Context, Drop, filters as liquidFilters, toValue } from "liquidjs";
import { isRubyHash } from "../support/ruby-hash.ts";

/**
 * Ruby Liquid's list filters read their input through its InputIterator, which LiquidJS's don't:
 * a list of lists is flattened (`site.posts | map: "tags" | join: ", "` lists every tag, not
 * "a,b,,c"), a hash is a list of one hash, nil is an empty list and anything else a list of
 * one. `size`, `first` and `last` ask the value itself, as Ruby does: a hash has a size and a
 * first pair but no last. Each filter here reads its input as Ruby does and leaves the rest to
 * LiquidJS's own filter of the same name.
 */

type FilterThis = { context: Context };
type Filter = (this: FilterThis, input: unknown, ...args: unknown[]) => unknown;

/** What Ruby Liquid's InputIterator makes of a filter's input. */
export function inputList(input: unknown): unknown[] {
  // Most lists hold no lists: they are read as they are, without a copy.
  if (Array.isArray(input)) return input.some(Array.isArray) ? input.flat(Number.POSITIVE_INFINITY) : input;
  if (input === undefined || input === null) return [];
  return [input];
}

/** LiquidJS's filter `name`, given the input as Ruby's InputIterator reads it. */
function readingInputList(builtin: Filter): Filter {
  return function (this: FilterThis, input: unknown, ...args: unknown[]) {
    return builtin.call(this, inputList(input), ...args);
  };
}

const builtins = liquidFilters as unknown as Record<string, Filter>;

export const join = readingInputList(builtins.join!);
export const uniq = readingInputList(builtins.uniq!);
export const reverse = readingInputList(builtins.reverse!);
export const compact = readingInputList(builtins.compact!);
export const concat = readingInputList(builtins.concat!);
export const sum = readingInputList(builtins.sum!);

/**
 * Ruby's `map`: each item's `item[property]`, the key itself and no path (`"author.name"` is one
 * key, and `first` or `size` are keys too, not the list methods lookups have); text answers with
 * the key where it holds it; anything else has nothing.
 */
export function map(this: FilterThis, input: unknown, property: unknown): unknown[] {
  const key = String(property);
  return inputList(input).map((item) => {
    const value = toValue(item);
    if (typeof value === "string") return value.includes(key) ? key : undefined;
    if (value instanceof Drop) return key in value ? toValue((value as unknown as Record<string, unknown>)[key]) : value.liquidMethodMissing(key, this.context);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return toValue((value as Record<string, unknown>)[key]);
    return undefined;
  });
}

/** Ruby's `size`: characters of text, items of a list, keys of a hash, 8 for an integer (its bytes), else 0. */
export function size(input: unknown): number {
  if (typeof input === "string") return [...input].length;
  if (Array.isArray(input)) return input.length;
  if (isRubyHash(input)) return Object.keys(input).length;
  if (typeof input === "number" && Number.isInteger(input)) return 8;
  return 0;
}

/** Ruby's `first`: a list's first item, a hash's first `[key, value]` pair; text has none. */
export function first(input: unknown): unknown {
  if (Array.isArray(input)) return input[0];
  if (isRubyHash(input)) return Object.entries(input)[0];
  return undefined;
}

/** Ruby's `last`: a list's last item; a hash and text have none. */
export function last(input: unknown): unknown {
  return Array.isArray(input) ? input[input.length - 1] : undefined;
}

/**
 * Ruby's `String#split`: a single space splits at runs of whitespace and ignores leading
 * whitespace (awk style); any other text splits at each occurrence. Empty strings at the end are
 * dropped, so `"" | split: ","` is an empty list.
 */
export function split(input: unknown, separator: unknown): string[] {
  const text = input === undefined || input === null ? "" : String(input);
  const pattern = separator === undefined || separator === null ? "" : String(separator);
  const parts = pattern === " " ? text.trimStart().split(/\s+/) : text.split(pattern);
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

export const rubyListFilters = { join, uniq, reverse, compact, map, concat, sum, size, first, last, split };
