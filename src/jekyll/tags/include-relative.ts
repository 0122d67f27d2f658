import path from "node:path";
import type { Context, Emitter, Liquid, Template } from "liquidjs";
import { includeTagFields } from "../liquidjs-internals.ts";
import type { HasSiteFiles } from "../site-files.ts";
import { JekyllIncludeTag } from "./include.ts";

/**
 * Jekyll's `{% include_relative file param=value %}`: a file beside the page (or below its
 * folder), rendered as an include (`include.param`). Paths that climb out (`..`) are refused
 * when the tag is parsed, as for `include`. The file is the one of the page being rendered,
 * also when the tag is inside an include, as in Jekyll.
 */

export class JekyllIncludeRelativeTag extends JekyllIncludeTag {
  private readonly parsed = new Map<string, Template[]>();

  protected override *renderInclude(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const { file, hash } = includeTagFields(this);
    const liquid = this.liquid as Liquid & HasSiteFiles;
    const name = typeof file === "string" ? file : String(yield liquid.renderer.renderTemplates(file as Template[], ctx));
    const source = liquid.siteFiles.sourceFileOf((ctx.environments as { page?: { inputPath?: unknown; path?: unknown } }).page);
    if (source === undefined) throw new Error(`include_relative "${name}": only a page can include a file relative to itself`);
    const absolute = path.resolve(path.dirname(source), name);
    const text = liquid.siteFiles.textOf(absolute);
    let templates = this.parsed.get(text);
    if (!templates) this.parsed.set(text, (templates = liquid.parse(text, absolute)));
    const params = (yield hash.render(ctx)) as Record<string, unknown>;
    ctx.push({ include: params });
    try {
      yield liquid.renderer.renderTemplates(templates, ctx, emitter);
    } finally {
      ctx.pop();
    }
  }
}
