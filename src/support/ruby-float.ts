import { Drop } from "liquidjs";

/**
 * Ruby's Float, where JavaScript has one kind of number: what a YAML float (`ratio: 4.0`, as
 * Psych reads it), a float literal in a template or arithmetic on a float makes. It prints as
 * Ruby's Float#to_s (`4.0`, `1.0e-06`) and compares and computes by its value.
 */

export class RubyFloat extends Drop {
  constructor(readonly value: number) {
    super();
  }
  /** What LiquidJS prints and compares: Ruby's `Float#to_s`. */
  override valueOf(): string {
    return rubyFloatText(this.value);
  }
  /** What text made of it holds (`where` compares as text, `append`). */
  toString(): string {
    return rubyFloatText(this.value);
  }
  /** `<` and `>` (LiquidJS's `sort`) compare it as a number; text made of it is Ruby's. */
  [Symbol.toPrimitive](hint: string): number | string {
    return hint === "number" ? this.value : rubyFloatText(this.value);
  }
  toJSON(): number {
    return this.value;
  }
  // Ruby compares a float with a number by value (`4.0 == 4`); LiquidJS's operators ask a Drop that has these.
  equals(other: unknown): boolean {
    const number = numberOf(other);
    return number !== undefined && this.value === number;
  }
  gt(other: unknown): boolean {
    return this.value > (numberOf(other) ?? Number.NaN);
  }
  geq(other: unknown): boolean {
    return this.value >= (numberOf(other) ?? Number.NaN);
  }
  lt(other: unknown): boolean {
    return this.value < (numberOf(other) ?? Number.NaN);
  }
  leq(other: unknown): boolean {
    return this.value <= (numberOf(other) ?? Number.NaN);
  }
}

/** A number, or a RubyFloat's; anything else (text included, as in Ruby) is no number. */
export const numberOf = (value: unknown): number | undefined => (value instanceof RubyFloat ? value.value : typeof value === "number" ? value : undefined);

/**
 * Ruby's Float#to_s: the shortest digits that read back as the value, fixed-point while the
 * decimal point is within 16 digits left of them and 4 right (`1.0e+16`, `0.0001`, `1.0e-05`).
 */
export function rubyFloatText(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa = "", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const point = exponent + 1;
  if (point > 0 && point <= 16) return `${sign}${digits.slice(0, point).padEnd(point, "0")}.${digits.slice(point) || "0"}`;
  if (point <= 0 && point > -4) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
}
