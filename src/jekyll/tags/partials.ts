import { type Context, type Emitter, LayoutTag, RenderTag } from "liquidjs";
import { partialTagFile } from "../liquidjs-internals.ts";
import { nested } from "../render-budget.ts";

/**
 * LiquidJS's `render` and `layout` tags (not Jekyll's, but available), each a level of nesting
 * in the render's budget like an include: a file that renders itself ends with the chain.
 */

export class BoundedRenderTag extends RenderTag {
  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    yield* nested(ctx, "include", String(partialTagFile(this)), () => super.render(ctx, emitter), emitter);
  }
}

export class BoundedLayoutTag extends LayoutTag {
  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    yield* nested(ctx, "include", String(partialTagFile(this)), () => super.render(ctx, emitter), emitter);
  }
}
