import type { Context, FilterImplOptions, Liquid, TagToken } from "liquidjs";
import { rubyText } from "../../support/ruby-text.ts";

/**
 * The build's Jekyll filters as a plugin's tag calls them (jekyll-seo-tag and jekyll-feed call
 * Jekyll's filters from Ruby): by name, with the render's context, each result as text.
 */

type FilterHandler = (this: unknown, ...args: unknown[]) => unknown;

export function engineFilters(liquid: Liquid, ctx: Context, token: TagToken): (name: string) => (...args: unknown[]) => string {
  return (name) => {
    const impl = liquid.filters[name] as FilterImplOptions | undefined;
    const handler = (typeof impl === "function" ? impl : impl?.handler) as FilterHandler | undefined;
    if (!handler) throw new Error(`the ${name} filter is missing`);
    const self = { context: ctx, liquid, token };
    return (...args) => rubyText(handler.apply(self, args));
  };
}
