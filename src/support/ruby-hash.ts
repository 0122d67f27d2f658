/** A plain object, as Ruby's Hash: what YAML, JSON and the site's data give (not lists, drops or class instances). */
export const isRubyHash = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
