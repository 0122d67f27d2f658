/**
 * Filters for values that become part of HTML's structure rather than its text: a heading level
 * is a tag name, which no escaping makes safe, so it is checked instead.
 */

/** `{{ include.level | heading_level }}`: 1 to 6, or an error naming the value. */
export function headingLevel(level: unknown): number {
  const value = typeof level === "string" && /^\s*\d+\s*$/.test(level) ? Number(level) : level;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 6) {
    throw new Error(`a heading level must be a whole number from 1 to 6, not ${JSON.stringify(level)}`);
  }
  return value;
}

export const htmlFilters = {
  heading_level: headingLevel,
};
