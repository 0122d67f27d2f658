import { Context, type Emitter, Output, Tag, type Template, UndefinedVariableError } from "liquidjs";
import { internalUndefinedVariableError, LiquidRendererClass } from "./liquidjs-internals.ts";

/**
 * Undefined variables as Jekyll's Liquid renders them (nil: empty output, no match, a false
 * condition), and still reported. LiquidJS either throws at the first undefined name (strict)
 * or says nothing (lenient); the engine renders strictly, and each template that throws for an
 * undefined name is reported (with the name's own place) and rendered again with that name as
 * nil, until it renders. Nested templates (a block's body, an include) are templates of their
 * own, so each undefined name is reported once, where it is written. Lookups LiquidJS makes
 * leniently (`{% if page.x %}`, `| default:`, `{% assign %}`) are not reported, as before.
 */

/** A render context in which some undefined names read as nil without an error, and Ruby's lookups. */
export class JekyllContext extends Context {
  /** The names the template being rendered may leave undefined (see TolerantRenderer). */
  tolerated: Set<string> | undefined;

  /**
   * LiquidJS's lookup (each key in turn; strict: the first undefined one throws), with two
   * differences: a tolerated name reads as nil without a throw, and the error thrown is made
   * without a stack trace (liquidjs-internals.ts). LiquidJS's lenient lookups (`{% if x %}`,
   * `| default:`) throw and catch that error for every undefined name: with a stack trace each,
   * a loop of 500 `{% if include.flag %}` took 20 ms more per render than with the flag set.
   */
  override *_getFromScope(scope: unknown, paths: Parameters<Context["_getFromScope"]>[1], strictVariables = this.strictVariables): IterableIterator<unknown> {
    const keys = typeof paths === "string" ? paths.split(".") : paths;
    for (let i = 0; i < keys.length; i++) {
      const value = this.readProperty(scope as never, keys[i] as never);
      // Only a drop's promise or generator needs the render loop; a plain value is used as it is
      // (a resumption of this generator per property read was most of LiquidJS's render loop).
      scope = isPending(value) ? yield value : value;
      if (strictVariables && scope === undefined) {
        const name = keys.slice(0, i + 1).join(".");
        if (this.tolerated?.has(name)) return undefined;
        throw internalUndefinedVariableError(name);
      }
    }
    return scope;
  }

  /** Ruby's `hash.first` is its first [key, value] pair (LiquidJS reads a key named "first"). */
  override readProperty(obj: Parameters<Context["readProperty"]>[0], key: Parameters<Context["readProperty"]>[1]): unknown {
    if (key === "first" && isPlainHash(obj) && !Object.hasOwn(obj, "first")) return Object.entries(obj)[0];
    return super.readProperty(obj, key);
  }

  /** include_cached and LiquidJS's render tag spawn contexts: they stay this kind. */
  override spawn(scope = {}): Context {
    return new JekyllContext(
      scope,
      this.opts,
      { sync: this.sync, globals: this.globals, strictVariables: this.strictVariables, ownPropertyOnly: this.ownPropertyOnly },
      { renderLimit: this.renderLimit, memoryLimit: this.memoryLimit, liquid: (this as { liquid?: unknown }).liquid },
    );
  }
}

function isPending(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (typeof (value as { then?: unknown }).then === "function" || typeof (value as { next?: unknown }).next === "function")
  );
}

function isPlainHash(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The undefined name an error is about, if it is LiquidJS's undefined-variable error. */
function undefinedName(error: unknown): string | undefined {
  if (!(error instanceof UndefinedVariableError)) return undefined;
  const name = (error.originalError as { variableName?: unknown } | undefined)?.variableName;
  return typeof name === "string" ? name : undefined;
}

const readsVariables = (template: Template) => template instanceof Tag || template instanceof Output;

export type UndefinedVariableHandler = (error: UndefinedVariableError, ctx: Context) => void;

/** Renders each template so that an undefined name is reported (`onUndefined`) and read as nil. */
export class TolerantRenderer extends LiquidRendererClass {
  private readonly tolerant = new WeakMap<Template[], Template[]>();

  constructor(private readonly onUndefined: UndefinedVariableHandler) {
    super();
  }

  override renderTemplates(templates: Template[], ctx: Context, emitter?: Emitter): IterableIterator<unknown> {
    if (!(ctx instanceof JekyllContext)) return super.renderTemplates(templates, ctx, emitter);
    let wrapped = this.tolerant.get(templates);
    // Only tags and outputs read variables: plain text (most of a loop's body) renders as it is.
    if (!wrapped)
      this.tolerant.set(templates, (wrapped = templates.map((template) => (readsVariables(template) ? this.tolerantTemplate(template) : template))));
    return super.renderTemplates(wrapped, ctx, emitter);
  }

  private tolerantTemplate(template: Template): Template {
    const onUndefined = this.onUndefined;
    return {
      token: template.token,
      *render(ctx: Context, emitter: Emitter): Generator<unknown, unknown, unknown> {
        const context = ctx as JekyllContext;
        const outer = context.tolerated;
        // Made at the first undefined name: most templates have none.
        let tolerated: Set<string> | undefined;
        try {
          for (;;) {
            context.tolerated = tolerated;
            try {
              return yield template.render(ctx, emitter);
            } catch (error) {
              const name = undefinedName(error);
              if (name === undefined || tolerated?.has(name)) throw error;
              onUndefined(error as UndefinedVariableError, ctx);
              (tolerated ??= new Set()).add(name);
            }
          }
        } finally {
          context.tolerated = outer;
        }
      },
    } as Template;
  }
}
