import { toValue } from "liquidjs";
import { RubyFloat, rubyFloatText } from "../support/ruby-float.ts";

/**
 * Jekyll's `jsonify` (`to_json`): a float is written as Ruby writes it (`4.0`, where
 * JSON.stringify writes `4`); everything else as JSON.stringify writes it, cycles refused as
 * it refuses them.
 */

// A float's place in JSON.stringify's output, before it is written out (no text holds a NUL and this).
const MARK = "\u0000ruby-float:";
const MARKED = /"\\u0000ruby-float:([^"\\]*)\\u0000"/g;

interface JsonifyThis {
  context?: { memoryLimit?: { use(count: number): void } };
}

export function jsonify(this: JsonifyThis, input: unknown): string | undefined {
  // Liquid's `nil` literal reaches a filter as LiquidJS's NullDrop, whose JSON would be `{}`.
  const json = JSON.stringify(toValue(input) == null ? null : input, function (this: Record<string, unknown>, key, value) {
    // `this[key]` is the value before its toJSON (a RubyFloat's is its number).
    const raw = this[key];
    if (raw instanceof RubyFloat) return Number.isFinite(raw.value) ? `${MARK}${rubyFloatText(raw.value)}\u0000` : null;
    return value;
  });
  this?.context?.memoryLimit?.use(json?.length ?? 0);
  return json?.replace(MARKED, "$1");
}

export const rubyJsonFilters = { jsonify };
