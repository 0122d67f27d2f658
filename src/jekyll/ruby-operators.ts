import { defaultOperators, type Operators, toValue } from "liquidjs";

/**
 * Ruby Liquid's `contains` (Condition's `left.include?(right)`): a hash contains its keys
 * (`{% if site.data.people contains "ada" %}`), which LiquidJS answers false; lists and text as
 * LiquidJS has them.
 */

const isHash = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function* contains(left: unknown, right: unknown): Generator<unknown, boolean, unknown> {
  const container = toValue(left);
  if (isHash(container)) {
    const key = toValue(right);
    return typeof key === "string" && Object.hasOwn(container, key);
  }
  return (yield* (defaultOperators.contains as (l: unknown, r: unknown) => Generator<unknown, boolean, unknown>)(left, right)) as boolean;
}

export const rubyOperators: Operators = { ...defaultOperators, contains: contains as Operators[string] };
