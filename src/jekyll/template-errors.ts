import path from "node:path";
import { toValueSync, type Context, type RenderOptions, type Template } from "liquidjs";
import type { JekyllLiquid } from "./engine.ts";
import type { FilterThis } from "../filters/rendering.ts";
import { RenderLimitError } from "./render-budget.ts";
import { didYouMean } from "../checks/nearest.ts";

/**
 * Collects every Liquid error of a build instead of stopping at the first one. In a checked
 * build a failing template (a page body, a layout, or a front-matter field rendered by `flatify`)
 * is recorded with what was being rendered, and renders as nothing; the check stage then fails
 * the build, so nothing half-rendered is ever published.
 */
export interface TemplateErrorRecord {
  error: unknown;
  /** Absolute path of the page being rendered, when known. */
  page?: string;
  /** The front-matter string `flatify` was rendering when the error happened. */
  fieldSource?: string;
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

function pageOfScope(scope: unknown): string | undefined {
  const inputPath = (scope as { page?: { inputPath?: unknown } } | undefined)?.page?.inputPath;
  return typeof inputPath === "string" ? path.resolve(inputPath) : undefined;
}

export function installTemplateErrorCollector(liquid: JekyllLiquid, collector: TemplateErrorCollector): void {
  (liquid.options as { catchAllErrors: boolean }).catchAllErrors = true;

  // Eleventy parses page bodies and layouts with their file path; flatify parses without one.
  const parse = liquid.parse.bind(liquid);
  liquid.parse = (html: string, filepath?: string): Template[] => {
    if (filepath === undefined) return parse(html);
    try {
      return parse(html, filepath);
    } catch (error) {
      collector.add({ error, page: path.resolve(filepath) });
      return [];
    }
  };

  const render = liquid.render.bind(liquid);
  liquid.render = async (templates: Template[], scope?: object, options?: RenderOptions) => {
    try {
      return await render(templates, scope, options);
    } catch (error) {
      collector.add({ error, page: pageOfScope(scope) }, liquid.jekyllScope.scopeFor((scope ?? {}) as Record<string, unknown>));
      return "";
    }
  };

  const flatify = liquid.filters.flatify as (this: FilterThis, input: unknown) => unknown;
  liquid.registerFilter("flatify", function (this: FilterThis, input: unknown) {
    try {
      const output = flatify.call(this, input);
      // flatify hands back its render's generator; drive it here so that an error inside the
      // field is recorded with the field, not with the whole page.
      return isGenerator(output) ? toValueSync(output) : output;
    } catch (error) {
      // A limit passed as this flatify starts (it recursed) belongs to the `{{ ... | flatify }}`
      // that called it: LiquidJS records it there, with that tag's place.
      if (error instanceof RenderLimitError) throw error;
      collector.add({ error, page: pageOfScope(this.context.getAll()), fieldSource: input == null ? "" : String(input) }, this.context);
      return "";
    }
  });
}

function isGenerator(value: unknown): value is Generator {
  return typeof (value as Generator | undefined)?.next === "function" && typeof (value as Generator)[Symbol.iterator] === "function";
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
  return message.replace(/(, file:[^]*)?, line:\d+, col:\d+$/, "");
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
