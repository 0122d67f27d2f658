import { Drop, toValue } from "liquidjs";
import { RubyFloat, rubyFloatText } from "./ruby-float.ts";

/**
 * Ruby's ordering of the values Jekyll's data holds, for Jekyll's `sort`: `<=>` (numbers by value,
 * text by its bytes, lists element by element, nil where Ruby has no order), the class names its
 * errors say, and the sort Ruby's Array#sort runs on Linux (glibc's qsort_r: a top-down merge
 * sort), whose order of comparisons decides both the order a comparison that isn't transitive
 * gives (Jekyll's fallback to text) and which pair a failing sort names.
 */

const plain = (value: unknown): unknown => (value instanceof RubyFloat ? value : value instanceof Drop ? toValue(value) : value);
const numeric = (value: unknown): number | undefined => (value instanceof RubyFloat ? value.value : typeof value === "number" ? value : undefined);

/** Text by code point (UTF-8's byte order), as Ruby's String#<=>. */
function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => spaceship(item, b[i]) === 0);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => key in b && sameValue(plain((a as Record<string, unknown>)[key]), plain((b as Record<string, unknown>)[key])))
  );
}

/** Ruby's `a <=> b`: -1, 0 or 1, or undefined where Ruby answers nil. */
export function spaceship(left: unknown, right: unknown): number | undefined {
  const a = plain(left);
  const b = plain(right);
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined || y !== undefined) {
    if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = spaceship(a[i], b[i]);
      if (order !== 0) return order;
    }
    return Math.sign(a.length - b.length);
  }
  // Object#<=>: 0 for equal values (nil and nil, true and true, equal hashes), else nil.
  return (a ?? null) === (b ?? null) || sameValue(a, b) ? 0 : undefined;
}

/** The class Ruby would name for a value of Jekyll's data. */
export function rubyClassName(value: unknown): string {
  const v = plain(value);
  if (v instanceof RubyFloat) return "Float";
  if (v == null) return "NilClass";
  if (typeof v === "boolean") return v ? "TrueClass" : "FalseClass";
  if (typeof v === "number") return Number.isInteger(v) ? "Integer" : "Float";
  if (typeof v === "string") return "String";
  if (Array.isArray(v)) return "Array";
  if (v instanceof Date) return "Time";
  return "Hash";
}

/** Ruby's error for two values `<=>` can't order: the right one by its inspect when it is nil, true, false or a number. */
export function comparisonError(left: unknown, right: unknown): Error {
  const b = plain(right);
  const named =
    b == null
      ? "nil"
      : typeof b === "boolean"
        ? String(b)
        : b instanceof RubyFloat
          ? rubyFloatText(b.value)
          : typeof b === "number"
            ? Number.isInteger(b)
              ? String(b)
              : rubyFloatText(b)
            : rubyClassName(b);
  return new Error(`comparison of ${rubyClassName(left)} with ${named} failed`);
}

/** glibc's msort_with_tmp: halves (the first one shorter by at most one), each sorted, merged taking the left one on a tie. */
export function mergeSort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (items.length <= 1) return [...items];
  const half = items.length >> 1;
  const left = mergeSort(items.slice(0, half), compare);
  const right = mergeSort(items.slice(half), compare);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) merged.push(compare(left[i]!, right[j]!) <= 0 ? left[i++]! : right[j++]!);
  while (i < left.length) merged.push(left[i++]!);
  while (j < right.length) merged.push(right[j++]!);
  return merged;
}
