import { Drop, toValue } from "liquidjs";
import { comparisonError, mergeSort, rubyClassName, spaceship } from "../support/ruby-compare.ts";
import { RubyFloat, rubyFloatText } from "../support/ruby-float.ts";
import { itemProperty } from "./jekyll-collections.ts";
import { rubyInspect } from "./jekyll-text.ts";

/**
 * Jekyll's `sort(input, property = nil, nils = "first")`, which replaces Liquid's: without a
 * property, Ruby's Array#sort (values it can't order stop the build, as they stop Jekyll's);
 * with one, by each item's `item_property`, nils first (or last, `"last"`), other values by
 * `<=>` and, where Ruby has no order between them (a number and a word), by their text.
 * LiquidJS's own `sort` puts nils last and orders anything with `<`.
 */

type Pair = [unknown, unknown];

/** What Ruby's `to_s` gives for the values `item_property` reads. */
function rubyText(value: unknown): string {
  const plain = value instanceof RubyFloat ? value : value instanceof Drop ? toValue(value) : value;
  if (plain == null) return "";
  if (plain instanceof RubyFloat) return rubyFloatText(plain.value);
  if (typeof plain === "string") return plain;
  if (typeof plain === "number") return Number.isInteger(plain) ? String(plain) : rubyFloatText(plain);
  if (typeof plain === "boolean") return String(plain);
  return rubyInspect(plain);
}

/** A list as Ruby's `input.sort` / `input.map` walk it: a hash as its [key, value] pairs; undefined for what has neither. */
function rubyList(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input;
  if (input !== null && typeof input === "object" && !(input instanceof RubyFloat) && !(input instanceof Date)) {
    return Object.entries(input as Record<string, unknown>).map(([key, value]): Pair => [key, value]);
  }
  return undefined;
}

const noMethod = (method: string, input: unknown) => new Error(`undefined method \`${method}' for ${rubyInspect(input)}:${rubyClassName(input)}`);

export function sort(input: unknown, ...args: unknown[]): unknown[] {
  const value = input instanceof RubyFloat ? input : toValue(input);
  if (value == null) throw new Error("Cannot sort a null object.");
  const property = toValue(args[0]) ?? undefined;
  const list = rubyList(value);
  if (property === undefined) {
    if (!list) throw noMethod("sort", value);
    return mergeSort(list, (a, b) => {
      const order = spaceship(a, b);
      if (order === undefined) throw comparisonError(a, b);
      return order;
    });
  }
  const nils = args.length > 1 ? toValue(args[1]) : "first";
  if (nils !== "first" && nils !== "last") {
    throw new Error(`Invalid nils order: '${rubyText(nils)}' is not a valid nils order. It must be 'first' or 'last'.`);
  }
  if (!list) throw noMethod("map", value);
  const order = nils === "first" ? -1 : 1;
  const keyed = list.map((item): Pair => [itemProperty(item, rubyText(property)), item]);
  return mergeSort(keyed, ([a], [b]) => {
    if (a != null && b == null) return -order;
    if (a == null && b != null) return order;
    return spaceship(a, b) ?? compareAsText(rubyText(a), rubyText(b));
  }).map(([, item]) => item);
}

const compareAsText = (a: string, b: string) => spaceship(a, b)!;

export const jekyllSortFilters = { sort };
