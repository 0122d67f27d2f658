import { toValue } from "liquidjs";

/** Ruby's `to_s` of what a page's data holds: nil is "", a list its items' texts joined, anything else as JavaScript writes it. */
export function rubyText(value: unknown): string {
  const plain = toValue(value);
  if (plain === undefined || plain === null) return "";
  if (Array.isArray(plain)) return plain.map(rubyText).join("");
  return String(plain);
}
