import type { Context, Liquid, Template } from "liquidjs";
import type MarkdownIt from "markdown-it";
import { nested } from "../jekyll/render-budget.ts";
import { RecentlyUsed } from "../support/recently-used.ts";

/** `this` inside a LiquidJS filter: the running engine and the render's context. */
export interface FilterThis {
  liquid: Liquid;
  context: Context;
}

/**
 * Parsed templates by source text, per engine: a parsed `include` keeps its engine, whose
 * partial cache holds the include files as they were, and a later build (npm start, tests)
 * must see them as they are. Tutorial fields that call includes repeat across pages (thousands of pages share a
 * handful of include calls) and are parsed once; the bound keeps each page's unique text from
 * accumulating for the whole build.
 */
const parsedSources = new WeakMap<Liquid, RecentlyUsed<Template[]>>();

export function parseCached(liquid: Liquid, source: string): Template[] {
  let cache = parsedSources.get(liquid);
  if (!cache) parsedSources.set(liquid, (cache = new RecentlyUsed(512)));
  return cache.get(source, (text) => liquid.parse(text));
}

/**
 * `flatify`: renders a string as Liquid in the *current* context, so an include called from a
 * front-matter field sees the page's variables and its assigns stay visible to later fields.
 * Each render is a level of nesting in the render's budget (render-budget.ts): a field that
 * flatifies itself ends with the chain, at the `flatify` that recursed.
 */
export function flatify(this: FilterThis, input: unknown): Generator<unknown, string | undefined, unknown> | string {
  const source = input == null ? "" : String(input);
  if (!source.includes("{{") && !source.includes("{%")) return source;
  const { liquid, context } = this;
  // A generator: LiquidJS drives it in the mode (sync or async) it renders in.
  return nested(context, "flatify", source, () => liquid.renderer.renderTemplates(parseCached(liquid, source), context) as Generator<unknown, string, unknown>);
}

/**
 * `markdownify` (and its inline twin for headings), with the build's one markdown-it instance.
 * Memoised by input: rendering markdown is a pure function of the text (markdown-it gets a fresh
 * env per call), so markdown-it plugins must not depend on which page is being rendered.
 */
export function markdownFilters(md: MarkdownIt) {
  const blocks = new RecentlyUsed<string>(512);
  const inlines = new RecentlyUsed<string>(512);
  const render = (text: string) => md.render(text);
  const renderInline = (text: string) => md.renderInline(text);
  return {
    markdownify: (input: unknown) => blocks.get(input == null ? "" : String(input), render),
    markdownify_inline: (input: unknown) => inlines.get(input == null ? "" : String(input), renderInline),
  };
}
