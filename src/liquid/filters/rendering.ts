import type MarkdownIt from "markdown-it";
import { toPromise, type Context, type Liquid, type Template } from "liquidjs";

/** `this` inside a LiquidJS filter: the running engine and the render's context. */
export interface FilterThis {
  liquid: Liquid;
  context: Context;
}

/**
 * Parsed templates by source text. Tutorial fields and includes repeat across pages
 * (thousands of pages share a handful of include calls), so each is parsed once per engine.
 * Per engine, not per process: a parsed `include` keeps its engine, whose partial cache holds
 * the include files as they were; a later build (npm start, tests) must see them as they are.
 */
const parsedSources = new WeakMap<Liquid, Map<string, Template[]>>();

export function parseCached(liquid: Liquid, source: string): Template[] {
  let cache = parsedSources.get(liquid);
  if (!cache) parsedSources.set(liquid, (cache = new Map()));
  let templates = cache.get(source);
  if (!templates) {
    templates = liquid.parse(source);
    cache.set(source, templates);
  }
  return templates;
}

/**
 * `flatify`: renders a string as Liquid in the *current* context, so an include called from a
 * front-matter field sees the page's variables and its assigns stay visible to later fields.
 */
export function flatify(this: FilterThis, input: unknown): Promise<string> | string {
  const source = input == null ? "" : String(input);
  if (!source.includes("{{") && !source.includes("{%")) return source;
  return toPromise(this.liquid.renderer.renderTemplates(parseCached(this.liquid, source), this.context)) as Promise<string>;
}

/** `markdownify` (and its inline twin for headings), with the build's one markdown-it instance. */
export function markdownFilters(md: MarkdownIt) {
  return {
    markdownify: (input: unknown) => md.render(input == null ? "" : String(input)),
    markdownify_inline: (input: unknown) => md.renderInline(input == null ? "" : String(input)),
  };
}
