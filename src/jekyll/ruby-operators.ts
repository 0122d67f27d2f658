import { defaultOperators, type Operators, toValue } from "liquidjs";
import { isRubyHash } from "../support/ruby-hash.ts";

/**
 * Ruby Liquid's `contains` (Condition's `left.include?(right)`): a hash contains its keys
 * (`{% if site.data.people contains "ada" %}`), which LiquidJS answers false; lists and text as
 * LiquidJS has them.
 */

function* contains(left: unknown, right: unknown): Generator<unknown, boolean, unknown> {
  const container = toValue(left);
  if (isRubyHash(container)) {
    const key = toValue(right);
    return typeof key === "string" && Object.hasOwn(container, key);
  }
  return (yield* (defaultOperators.contains as (l: unknown, r: unknown) => Generator<unknown, boolean, unknown>)(left, right)) as boolean;
}

export const rubyOperators: Operators = { ...defaultOperators, contains: contains as Operators[string] };
