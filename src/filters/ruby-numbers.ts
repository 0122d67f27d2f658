import { Drop } from "liquidjs";
import { RubyFloat } from "../support/ruby-float.ts";

/**
 * Ruby Liquid's arithmetic, which Jekyll sites rely on: integers stay integers (`7 | divided_by:
 * 2` is 3, and -7 / 2 is -4, rounding down as Ruby does), and a float anywhere makes a float,
 * which prints as Ruby prints it (`8 | divided_by: 2.0` is `4.0`). JavaScript has one kind of
 * number, so a float is a RubyFloat once an operation makes one; an operand is a float when it is
 * one, when it is text like "3.0", or when the template writes it with a decimal point.
 */

export { RubyFloat, rubyFloatText } from "../support/ruby-float.ts";

interface RubyNumber {
  value: number;
  float: boolean;
}

/** Ruby Liquid's `Utils.to_number`: numbers as they are, "1.5" a float, other text its leading integer, nil 0. */
function toRubyNumber(input: unknown, writtenAsFloat = false): RubyNumber {
  if (input instanceof RubyFloat) return { value: input.value, float: true };
  const value = input instanceof Drop ? input.valueOf() : input;
  if (typeof value === "number") return { value, float: writtenAsFloat || !Number.isInteger(value) };
  if (typeof value === "string") {
    const text = value.trim();
    if (/^-?\d+\.\d+$/.test(text)) return { value: Number(text), float: true };
    const integer = /^[+-]?\d+/.exec(text);
    return { value: integer ? Number(integer[0]) : 0, float: false };
  }
  if (typeof value === "boolean" || value == null) return { value: 0, float: false };
  return toRubyNumber(String(value));
}

interface FilterToken {
  input?: string;
  begin?: number;
  args?: Array<{ getText?(): string } | unknown[]>;
}
type FilterThis = { token?: FilterToken };

/** Whether the filter's input is a number the template writes with a decimal point (`7.0 | divided_by: 2`). */
function inputWrittenAsFloat(token: FilterToken | undefined): boolean {
  if (!token?.input || token.begin === undefined) return false;
  return /(^|[\s{(:,|])-?\d+\.\d+\s*\|?\s*$/.test(token.input.slice(Math.max(0, token.begin - 40), token.begin));
}

function argWrittenAsFloat(token: FilterToken | undefined, index: number): boolean {
  const arg = token?.args?.[index];
  const text = arg && !Array.isArray(arg) ? (arg as { getText?(): string }).getText?.() : undefined;
  return typeof text === "string" && /^-?\d+\.\d+$/.test(text.trim());
}

const result = (value: number, float: boolean): number | RubyFloat => (float ? new RubyFloat(value) : value);

function operation(apply: (a: number, b: number, integers: boolean) => number) {
  return function (this: FilterThis, input: unknown, operand: unknown): number | RubyFloat {
    const a = toRubyNumber(input, inputWrittenAsFloat(this?.token));
    const b = toRubyNumber(operand, argWrittenAsFloat(this?.token, 0));
    const float = a.float || b.float;
    return result(apply(a.value, b.value, !float), float);
  };
}

export const plus = operation((a, b) => a + b);
export const minus = operation((a, b) => a - b);
export const times = operation((a, b) => a * b);
export const divided_by = operation((a, b, integers) => {
  if (b === 0 && integers) throw new Error("divided by 0");
  return integers ? Math.floor(a / b) : a / b;
});
/** Ruby's `%` takes the divisor's sign. */
export const modulo = operation((a, b, integers) => {
  if (b === 0 && integers) throw new Error("divided by 0");
  return a - b * Math.floor(a / b);
});

/** `round`: a whole number without places, else a float of that many places (Ruby rounds half away from zero). */
export function round(this: FilterThis, input: unknown, places: unknown = 0): number | RubyFloat {
  const a = toRubyNumber(input, inputWrittenAsFloat(this?.token));
  const n = toRubyNumber(places).value;
  const factor = 10 ** n;
  const rounded = (Math.sign(a.value) * Math.round(Math.abs(a.value) * factor)) / factor;
  return n === 0 ? rounded : result(rounded, a.float);
}

export function abs(this: FilterThis, input: unknown): number | RubyFloat {
  const a = toRubyNumber(input, inputWrittenAsFloat(this?.token));
  return result(Math.abs(a.value), a.float);
}

export const rubyNumberFilters = { plus, minus, times, divided_by, modulo, round, abs };
