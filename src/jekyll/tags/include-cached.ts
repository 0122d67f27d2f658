import type { Context, Emitter, Liquid, Template } from "liquidjs";
import { includeTagFields } from "../liquidjs-internals.ts";
import { JekyllIncludeTag } from "./include.ts";

/**
 * `{% include_cached file param=value %}`, as in Jekyll's jekyll-include-cache: the include is
 * rendered once per build for each set of parameter values, and its HTML reused after that. For
 * includes that every page calls with the same few parameters (the IP address component, the
 * connection-guide lists). The include sees only its parameters and `site`, never the page (a
 * reference to a page variable is an undefined-variable error), and its assigns stay inside it,
 * so its output cannot depend on which page rendered it first.
 */

export interface IncludeOutputCache {
  get(key: string): string | undefined;
  set(key: string, html: string): unknown;
}

export interface HasIncludeOutputCache {
  /** Emptied when a build starts: includes and data may have changed. */
  readonly includeOutputs: IncludeOutputCache;
}

export class JekyllIncludeCachedTag extends JekyllIncludeTag {
  protected override *renderInclude(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const { file, hash, currentFile } = includeTagFields(this);
    const liquid = this.liquid as Liquid & Partial<HasIncludeOutputCache>;
    const params = (yield hash.render(ctx)) as Record<string, unknown>;
    const key = `${String(file)}\n${JSON.stringify(params)}`;
    let html = liquid.includeOutputs?.get(key);
    if (html === undefined) {
      const templates = yield liquid._parsePartialFile(String(file), ctx.sync, currentFile);
      // A context of its own: `site` and the parameters as `include.*`, nothing of the page.
      const { site } = ctx.environments as { site?: unknown };
      const isolated = ctx.spawn(site === undefined ? {} : { site });
      isolated.push({ include: params });
      // Without an emitter of its own, LiquidJS renders into a new one and returns its text.
      html = (yield liquid.renderer.renderTemplates(templates as Template[], isolated)) as string;
      liquid.includeOutputs?.set(key, html);
    }
    emitter.write(html);
  }
}
