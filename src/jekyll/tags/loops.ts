import { type Context, type Emitter, evalToken, ForTag, type Liquid, type Parser, TablerowTag, type TagToken, type TopLevelToken, toValue } from "liquidjs";
import { LoopStep } from "../render-budget.ts";
import { JekyllForloop, JekyllTablerowloop } from "./loop-drops.ts";

/**
 * `{% for %}` and `{% tablerow %}` as Ruby Liquid 4 renders them (its `forloop.parentloop`, its
 * `tablerowloop`, the line breaks tablerow writes between rows), with each iteration counted
 * against the render's budget (render-budget.ts): the first template of the loop's body is a
 * LoopStep, rendered at the start of every iteration. The tags' parsing is LiquidJS's.
 */

const FORLOOPS = "jekyll-forloops";

/** A scope without a prototype, as LiquidJS makes them: `constructor` is not a variable. */
const createScope = (values: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null), values);

/** What a loop iterates: a list, a hash's [key, value] pairs, a string as one item, else nothing. */
function enumerable(value: unknown): unknown[] {
  const collection = toValue(value);
  if (Array.isArray(collection)) return collection;
  if (typeof collection === "string") return collection.length > 0 ? [collection] : [];
  if (collection && typeof collection === "object") {
    if (Symbol.iterator in collection) return Array.from(collection as Iterable<unknown>);
    return Object.entries(collection);
  }
  return [];
}

export class BoundedForTag extends ForTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    this.templates.unshift(new LoopStep(token));
  }

  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, never> {
    const renderer = this.liquid.renderer;
    let collection = enumerable(yield evalToken(this.collection, ctx));
    if (collection.length === 0) {
      yield renderer.renderTemplates(this.elseTemplates, ctx, emitter);
      return;
    }
    const continueKey = `continue-${this.variable}-${this.collection.getText()}`;
    ctx.push(createScope({ continue: ctx.getRegister(continueKey, {}) }));
    const hash = (yield this.hash.render(ctx)) as Record<string, unknown>;
    ctx.pop();
    const from = Number(hash.offset ?? 0) || 0;
    collection = collection.slice(from);
    if (hash.limit !== undefined) collection = collection.slice(0, Number(hash.limit) || 0);
    if (hash.reversed !== undefined) collection = [...collection].reverse();
    ctx.setRegister(continueKey, from + collection.length);
    const stack = ctx.getRegister<JekyllForloop[]>(FORLOOPS, []);
    const forloop = new JekyllForloop(collection.length, `${this.variable}-${this.collection.getText()}`, stack[stack.length - 1]);
    const scope = createScope({ forloop });
    stack.push(forloop);
    ctx.push(scope);
    try {
      for (const item of collection) {
        scope[this.variable] = item;
        ctx.continueCalled = ctx.breakCalled = false;
        yield renderer.renderTemplates(this.templates, ctx, emitter);
        if (ctx.breakCalled) break;
        forloop.next();
      }
    } finally {
      ctx.continueCalled = ctx.breakCalled = false;
      ctx.pop();
      stack.pop();
    }
  }
}

export class BoundedTablerowTag extends TablerowTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    this.templates.unshift(new LoopStep(token));
  }

  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, never> {
    let collection = enumerable(yield evalToken(this.collection, ctx));
    const args = (yield this.args.render(ctx)) as Record<string, unknown>;
    const from = Number(args.offset ?? 0) || 0;
    collection = collection.slice(from, args.limit === undefined ? undefined : from + (Number(args.limit) || 0));
    const cols = Number(args.cols) || collection.length;
    const tablerowloop = new JekyllTablerowloop(collection.length, cols, `${this.variable}-${this.collection.getText()}`);
    const scope = createScope({ tablerowloop });
    ctx.push(scope);
    // Ruby Liquid's markup: a line break after each row.
    emitter.write('<tr class="row1">\n');
    try {
      for (let i = 0; i < collection.length; i++, tablerowloop.next()) {
        scope[this.variable] = collection[i];
        if (i > 0 && tablerowloop.col0() === 0) emitter.write(`</tr>\n<tr class="row${tablerowloop.row()}">`);
        emitter.write(`<td class="col${tablerowloop.col()}">`);
        yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter);
        emitter.write("</td>");
      }
    } finally {
      ctx.pop();
    }
    emitter.write("</tr>\n");
  }
}
