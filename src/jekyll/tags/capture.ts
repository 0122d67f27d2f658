import { CaptureTag, type Context, type Emitter, toValue } from "liquidjs";

/**
 * `{% capture %}` that assigns what it captured even when its body fails: LiquidJS assigns only
 * after the whole body rendered, so in a checked build (which records the error and goes on) one
 * error inside a capture made the variable undefined for the rest of the page, and every later
 * use reported another error. The body's error is still reported.
 */

export class JekyllCaptureTag extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    const captured: Emitter = { buffer: "", write: (html: unknown) => void (captured.buffer += text(html)) };
    try {
      yield this.liquid.renderer.renderTemplates(this.templates, ctx, captured);
    } finally {
      ctx.bottom()[this.variable] = captured.buffer;
    }
  }
}

function text(html: unknown): string {
  const value = toValue(html);
  if (value == null) return "";
  if (Array.isArray(value)) return value.map(text).join("");
  return String(value);
}
