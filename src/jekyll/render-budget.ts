import type { Context, Emitter, Template, Token } from "liquidjs";

/**
 * What one render may spend: a page body, or one layout of a page (Eleventy renders each apart).
 * Without a bound, a `{% for %}` over (1..100000000), loops inside loops, or an include that
 * includes itself ran for minutes at gigabytes, or overflowed the stack.
 *
 * Measured on the bench corpus (scripts/bench/corpus.ts) at N = 1000 (2035 pages), where the
 * heaviest renders are the sitemap and the listings, which grow with the number of pages: at
 * most 2,032 steps (below) in one render, 160,000 items and characters allocated by LiquidJS,
 * 322,000 characters of output, 0.8 s on a machine loaded 7 times over (a tutorial: a few ms),
 * includes and `flatify` 5 deep. At N = 4000 the listings hold four times as much. The limits
 * leave room over that: 25 times for steps, 16 for allocations, 8 for output, 20 for nesting,
 * some 10 for time.
 */

export interface RenderLimits {
  /** Loop iterations, includes and `flatify` renders in one render. */
  steps: number;
  /** Includes and `flatify` renders inside each other; Jekyll's Liquid stops at 100 too ("Nesting too deep"). */
  nesting: number;
  /** Characters of output one render may write. */
  outputCharacters: number;
  /**
   * Wall-clock time of one render: the last resort, for work the other limits do not count
   * (a filter doing a lot with few steps). Generous, because it is the one limit a slow or
   * busy machine moves closer.
   */
  milliseconds: number;
}

export const RENDER_LIMITS: RenderLimits = {
  steps: 200_000,
  nesting: 100,
  outputCharacters: 10_000_000,
  milliseconds: 30_000,
};

/**
 * LiquidJS's own `memoryLimit`: list items and characters it allocates in one render (a range
 * charges its length before it is built, so (1..100000000) is refused at once; filters charge
 * the strings and lists they build).
 */
export const LIQUID_MEMORY_LIMIT = 10_000_000;

/** A render stopped at a limit; the message says which, and what to look for. */
export class RenderLimitError extends Error {
  override name = "RenderLimitError";
}

const count = (n: number) => n.toLocaleString("en-US");

/** A short, one-line form of a template text, for the chain of what was rendering. */
function snippet(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.indexOf("\n");
  const line = end < 0 ? trimmed : trimmed.slice(0, end);
  return JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}...` : line);
}

/**
 * One render's spending. Every loop iteration, include and `flatify` render is a step; includes
 * and `flatify` renders are also levels of nesting. The first limit passed throws a
 * RenderLimitError, located by LiquidJS at the tag that was starting; after that every step
 * says stop, so the rest of the render ends at once instead of reporting the same thing
 * everywhere (the page is not published: its error fails the build).
 */
export class RenderBudget {
  private steps = 0;
  private readonly chain: string[] = [];
  private readonly deadline: number;
  private stopped = false;

  constructor(
    private readonly limits: RenderLimits = RENDER_LIMITS,
    now = performance.now(),
  ) {
    this.deadline = now + limits.milliseconds;
  }

  /**
   * One more step; `output` is where the render is writing. False when the render has been
   * stopped; throws when this step passes a limit.
   */
  step(output?: Emitter): boolean {
    if (this.stopped) return false;
    if (++this.steps > this.limits.steps) {
      this.stop(
        `rendering this page takes more than ${count(this.limits.steps)} loop iterations and includes (loops inside loops multiply): ` +
          "no page needs that many; is a range or a list far larger than meant?",
      );
    }
    if (typeof output?.buffer === "string" && output.buffer.length > this.limits.outputCharacters) {
      this.stop(
        `this page's Liquid writes more than ${count(this.limits.outputCharacters)} characters: no page needs that much; is a loop repeating far more than meant?`,
      );
    }
    if (performance.now() > this.deadline) {
      this.stop(
        `rendering this page took longer than ${this.limits.milliseconds / 1000} s and was stopped here: no page needs that long; is a loop or an include doing far more than meant?`,
      );
    }
    return true;
  }

  /**
   * Before rendering a template inside the current one: an include (`label`: its file) or a
   * `flatify` text (`label`: the text). False when the render has been stopped (render nothing);
   * call leave() afterwards when true.
   */
  enter(kind: "include" | "flatify", label: string, output?: Emitter): boolean {
    if (!this.step(output)) return false;
    const frame = kind === "include" ? label : `flatify ${snippet(label)}`;
    if (this.chain.length >= this.limits.nesting) this.stop(this.nestingMessage(kind, label, frame));
    this.chain.push(frame);
    return true;
  }

  leave(): void {
    this.chain.pop();
  }

  /** `include "a.html" recursed ...: a.html -> b.html -> a.html`, or the whole chain when nothing repeats. */
  private nestingMessage(kind: "include" | "flatify", label: string, frame: string): string {
    const what = kind === "include" ? `include "${label}"` : "flatify";
    const deep = `more than ${this.limits.nesting} deep, the most includes and flatify renders nest`;
    const earlier = this.chain.lastIndexOf(frame);
    if (earlier >= 0) {
      const itself = kind === "include" ? "does it include itself" : "does the text render itself";
      return `${what} recursed ${deep}: ${[...this.chain.slice(earlier), frame].join(" -> ")}; ${itself} with nothing to stop it?`;
    }
    const shown = this.chain.length > 6 ? [...this.chain.slice(0, 3), "...", ...this.chain.slice(-3)] : this.chain;
    return `${what} is nested ${deep}: ${[...shown, frame].join(" -> ")}`;
  }

  private stop(message: string): never {
    this.stopped = true;
    throw new RenderLimitError(message);
  }
}

/** Each render's budget, by the render's globals object (which LiquidJS hands to every context it spawns). */
const budgets = new WeakMap<object, RenderBudget>();

/** Render options that give a render a budget of its own. */
export function withBudget<T extends { globals?: object }>(renderOptions: T, globals: object, limits: RenderLimits): T & { globals: object } {
  // A copy, as LiquidJS would use them: the render's own globals, else the engine's.
  const ownGlobals = { ...(renderOptions.globals ?? globals) };
  budgets.set(ownGlobals, new RenderBudget(limits));
  return { ...renderOptions, globals: ownGlobals };
}

/** The budget of the render `ctx` belongs to; undefined for a context made outside JekyllLiquid's renders. */
export function budgetOf(ctx: Context): RenderBudget | undefined {
  return budgets.get(ctx.globals);
}

/**
 * Renders `body` as one level of nesting within the render's budget; renders nothing once the
 * render has been stopped.
 */
export function* nested<T>(
  ctx: Context,
  kind: "include" | "flatify",
  label: string,
  body: () => Generator<unknown, T, unknown>,
  output?: Emitter,
): Generator<unknown, T | undefined, unknown> {
  const budget = budgetOf(ctx);
  if (budget && !budget.enter(kind, label, output)) return undefined;
  try {
    return yield* body();
  } finally {
    budget?.leave();
  }
}

/**
 * The first template of a loop's body (see tags/loops.ts): a step of the budget per iteration.
 * Once the render is stopped it breaks the loop, as `{% break %}` does. Errors thrown here are
 * located at the loop's own tag (`token`).
 */
export class LoopStep implements Template {
  constructor(readonly token: Token) {}

  render(ctx: Context, emitter: Emitter): void {
    const budget = budgetOf(ctx);
    if (budget && !budget.step(emitter)) ctx.breakCalled = true;
  }
}
