import { Context, type IncludeTag, type LayoutTag, Liquid, type RenderTag, TypeGuards } from "liquidjs";

/**
 * The one place that reads LiquidJS's private fields: its `include`, `render` and `layout` tags
 * keep the file they name and their parameters to themselves, and this project's tags (include's
 * nesting limit, include_cached) need both; its renderer's class is not exported, and the engine
 * renders with a subclass of it (undefined-variables.ts); its lenient lookups recognise the error
 * its strict lookup throws by the error's name, and the engine's lookup throws one of its own
 * (undefined-variables.ts); its parsed number literals keep their value in a private field, which
 * the engine gives Ruby's float for `4.0` (convertWholeFloatLiterals). LiquidJS is pinned to one
 * exact version in package.json, and tests/jekyll/liquidjs-internals.test.ts fails when an upgrade moves them.
 */

interface IncludeTagFields {
  file: unknown;
  currentFile?: string;
  hash: { render(ctx: Context): Generator<unknown, Record<string, unknown>> };
}

/** What an `{% include %}` tag names, where it was parsed, and its parameters. */
export function includeTagFields(tag: IncludeTag): IncludeTagFields {
  return tag as unknown as IncludeTagFields;
}

/** The file a `render` or `layout` tag names. */
export function partialTagFile(tag: RenderTag | LayoutTag): unknown {
  return (tag as unknown as { file?: unknown }).file;
}

/** LiquidJS's renderer, which every tag renders its body with (`liquid.renderer.renderTemplates`). */
export type LiquidRenderer = Liquid["renderer"];

/** LiquidJS's renderer class, to subclass (the package exports its type only). */
export const LiquidRendererClass = new Liquid().renderer.constructor as new () => LiquidRenderer;

/**
 * Makes `liquid` render with `renderer`, once, as it is constructed: LiquidJS has no option for
 * it, and its tags read the field `renderer` of their engine.
 */
export function useRenderer(liquid: Liquid, renderer: LiquidRenderer): void {
  Object.defineProperty(liquid, "renderer", { value: renderer, writable: false, enumerable: true, configurable: false });
}

/**
 * The error LiquidJS's strict lookup throws for an undefined name (its class is not exported):
 * its lenient lookups catch it by its name, and wrap anything else in an UndefinedVariableError
 * (whose `originalError` it is then). Made without capturing a stack trace: lenient lookups throw
 * and catch one for every undefined name they read, and capturing was the cost.
 */
export function internalUndefinedVariableError(variableName: string): Error & { variableName: string } {
  const error = Object.create(Error.prototype) as Error & { variableName: string };
  error.name = "InternalUndefinedVariableError";
  error.message = `undefined variable: ${variableName}`;
  error.stack = `${error.name}: ${error.message}`;
  error.variableName = variableName;
  return error;
}

/**
 * Gives every number literal of parsed `templates` written with a decimal point and a whole
 * value (`4.0`, `-2.00`) the value `float(number)`: LiquidJS's tokenizer reads a literal into
 * `token.content` as a JavaScript number, so `4.0` was 4. The parse tree's shape is each tag's
 * own (an `if`'s branches, a filter's arguments, an include's hash), so its fields are walked.
 */
export function convertWholeFloatLiterals(templates: readonly unknown[], float: (value: number) => unknown): void {
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null || seen.has(value) || value instanceof Liquid || value instanceof Context) return;
    seen.add(value);
    if (TypeGuards.isNumberToken(value as never)) {
      const token = value as unknown as { content: unknown; getText(): string };
      if (typeof token.content === "number" && Number.isInteger(token.content) && token.getText().includes(".")) token.content = float(token.content);
      return;
    }
    for (const field of Array.isArray(value) ? value : Object.values(value)) visit(field);
  };
  for (const template of templates) visit(template);
}
