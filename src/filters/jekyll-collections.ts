import { type Context, Drop, filters as liquidFilters, toValue } from "liquidjs";
import { rubyClassName } from "../support/ruby-compare.ts";
import { RubyFloat } from "../support/ruby-float.ts";
import { rubyText } from "../support/ruby-text.ts";
import { rubyInspect } from "./jekyll-text.ts";

/**
 * Jekyll's own `where`, `find`, `group_by` and `group_by_exp` (Jekyll::Filters), which differ from
 * LiquidJS's: an item without the property simply doesn't match (LiquidJS, reading strictly,
 * stopped the page), values compare as text (`where: "ssh", true` matches `ssh: true`; a list
 * property matches when it holds the value), and groups have `name`, `items` and `size`.
 */

type Item = unknown;

/**
 * Jekyll's `item_property`: the item's value at `property`, or along a dotted path, where a step
 * that can't be indexed gives `false` (Ruby's `data.respond_to?(:[]) && data[key]`); then
 * integer- and float-like text as numbers (`parse_sort_input`, for sorting).
 */
export function itemProperty(item: Item, property: string): unknown {
  const data = toValue(item);
  const value = property.includes(".")
    ? property.split(".").reduce<unknown>((step, key) => (indexable(step) ? lookup(step, key) : false), data)
    : lookup(data, property);
  if (typeof value === "string") {
    if (/^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
    if (/^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/.test(value)) return new RubyFloat(Number.parseFloat(value));
  }
  return value;
}

/** What answers Ruby's `[]`: hashes and drops, lists, text, whole numbers. */
const indexable = (value: unknown) =>
  (value !== null && typeof value === "object" && !(value instanceof RubyFloat)) || typeof value === "string" || Number.isInteger(value);

/** Ruby's `data[key]` with a text key, as Ruby answers or raises it. */
function lookup(data: unknown, key: string): unknown {
  // String#[]: the key itself where the text holds it.
  if (typeof data === "string") return data.includes(key) ? key : undefined;
  if (Array.isArray(data) || typeof data === "number") throw new Error("no implicit conversion of String into Integer");
  if (data === null || typeof data !== "object" || data instanceof RubyFloat)
    throw new Error(`undefined method \`[]' for ${rubyInspect(data)}:${rubyClassName(data)}`);
  return toValue((data as Record<string, unknown>)[key]);
}

/** Jekyll's `compare_property_vs_target`. */
function matches(property: unknown, target: unknown): boolean {
  if (target == null) return property == null;
  const wanted = rubyText(target);
  if (typeof property === "string") return property === wanted;
  const values = Array.isArray(property) ? property : property == null ? [] : [property];
  return values.some((value) => rubyText(value) === wanted);
}

/** The items a filter works on: a list, a hash's values; undefined for anything else (returned as is). */
function itemsOf(input: unknown): Item[] | undefined {
  const value = toValue(input);
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === "object" && !(value instanceof Drop)) return Object.values(value);
  return undefined;
}

const isCollection = (value: unknown) => value !== null && typeof value === "object";

export function where(input: unknown, property: unknown, value: unknown): unknown {
  const items = itemsOf(input);
  if (!items || property == null || property === "" || isCollection(toValue(value))) return input;
  return items.filter((item) => matches(itemProperty(item, String(property)), value));
}

export function find(input: unknown, property: unknown, value: unknown): unknown {
  const items = itemsOf(input);
  if (!items || property == null || property === "" || isCollection(toValue(value))) return input;
  return items.find((item) => matches(itemProperty(item, String(property)), value));
}

export interface JekyllGroup {
  name: unknown;
  items: Item[];
  size: number;
}

function grouped(groups: Map<unknown, Item[]>): JekyllGroup[] {
  return [...groups].map(([name, items]) => ({ name, items, size: items.length }));
}

export function group_by(input: unknown, property: unknown): unknown {
  const items = itemsOf(input);
  if (!items) return input;
  const groups = new Map<unknown, Item[]>();
  for (const item of items) {
    const name = rubyText(itemProperty(item, String(property)));
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return grouped(groups);
}

type FilterThis = { context: Context };
const liquidGroupByExp = (liquidFilters as Record<string, (...args: unknown[]) => Generator<unknown, Array<{ name: unknown; items: Item[] }>>>).group_by_exp!;

/** LiquidJS's `group_by_exp` (its expressions are LiquidJS's), with Jekyll's `size` on each group. */
export function* group_by_exp(this: FilterThis, input: unknown, variable: unknown, expression: unknown): Generator<unknown, unknown, unknown> {
  if (!itemsOf(input)) return input;
  const groups = (yield liquidGroupByExp.call(this, itemsOf(input), variable, expression)) as Array<{ name: unknown; items: Item[] }>;
  return groups.map(({ name, items }) => ({ name, items, size: items.length }));
}

export const jekyllCollectionFilters = { where, find, group_by, group_by_exp };
