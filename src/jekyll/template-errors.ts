import type { Context } from "liquidjs";
import { didYouMean } from "../support/nearest.ts";

/**
 * Every Liquid error of a checked build, recorded by the engine (engine.ts) instead of stopping
 * at the first one, with what was being rendered: the output checks locate each in the author's
 * files (src/checks/output/liquid.ts), and fail the build, so nothing half-rendered is published.
 */

export interface TemplateErrorRecord {
  error: unknown;
  /** Absolute path of the page being rendered, when known. */
  page?: string;
  /** The front-matter string `flatify` was rendering when the error happened. */
  fieldSource?: string;
  /** Undefined variables are warnings where the site says so (`strict_variables: false`); else an error. */
  severity?: "warning";
  /** A hint worked out while the render's variables were still there (`did you mean ...?`). */
  hint?: string;
}

export class TemplateErrorCollector {
  readonly records: TemplateErrorRecord[] = [];

  /** Records each error of a group; `scope` (the render's variables) gives undefined ones a hint. */
  add(record: Omit<TemplateErrorRecord, "hint">, scope?: Record<string, unknown> | Context): void {
    for (const error of unpack(record.error)) {
      this.records.push({ ...record, error, hint: scope ? undefinedVariableHint(error, scope) : undefined });
    }
  }
}

/** LiquidJS's `catchAllErrors` groups a template's errors into one LiquidErrors. */
function unpack(error: unknown): unknown[] {
  const group = (error as { errors?: unknown[] } | undefined)?.errors;
  return Array.isArray(group) ? group.flatMap(unpack) : [error];
}

/**
 * For `undefined variable: link.connections.ssh-rdz`: which part is missing, and the nearest key
 * that exists there (`"link.connections" has no key "ssh-rdz"; did you mean "ssh-rds"?`).
 */
export function undefinedVariableHint(error: unknown, scope: Record<string, unknown> | Context): string | undefined {
  const name = /^undefined variable: (.+)$/.exec(baseMessage(error))?.[1];
  return name === undefined ? undefined : hintFor(name, scope);
}

export function baseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // LiquidJS appends where it was (`, file:<path>` when the template has one, then line and column).
  return message.replace(/(, file:[\s\S]*)?, line:\d+, col:\d+$/, "");
}

function hintFor(name: string, scope: Record<string, unknown> | Context): string {
  const variables = (typeof (scope as Context).getAll === "function" ? (scope as Context).getAll() : scope) as Record<string, unknown>;
  const segments = name.split(/\.|\[["']?|["']?\]/).filter((segment) => segment !== "");
  let current: unknown = variables;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (current !== null && typeof current === "object" && segment in (current as object)) {
      current = (current as Record<string, unknown>)[segment];
      continue;
    }
    if (i === 0) return `"${segment}" is not defined on this page${didYouMean(segment, Object.keys(variables))}`;
    const parent = segments.slice(0, i).join(".");
    if (current === null || typeof current !== "object") return `"${parent}" is ${JSON.stringify(current)}, which has no keys`;
    const keys = Object.keys(current as object);
    const suggestion = didYouMean(segment, keys);
    const known = suggestion || `; it has ${keys.length > 8 ? `${keys.slice(0, 8).join(", ")}, ...` : keys.join(", ") || "no keys"}`;
    return `"${parent}" has no key "${segment}"${known}`;
  }
  return `"${name}" is nil`;
}
