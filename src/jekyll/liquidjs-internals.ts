import type { Context, IncludeTag, LayoutTag, RenderTag } from "liquidjs";

/**
 * The one place that reads LiquidJS's private fields: its `include`, `render` and `layout` tags
 * keep the file they name and their parameters to themselves, and this project's tags (include's
 * nesting limit, include_cached) need both. LiquidJS is pinned to one exact version in
 * package.json, and tests/jekyll/liquidjs-internals.test.ts fails when an upgrade moves them.
 */
interface IncludeTagFields {
  file: unknown;
  currentFile?: string;
  hash: { render(ctx: Context): Generator<unknown, Record<string, unknown>> };
}

/** What an `{% include %}` tag names, where it was parsed, and its parameters. */
export function includeTagFields(tag: IncludeTag): IncludeTagFields {
  return tag as unknown as IncludeTagFields;
}

/** The file a `render` or `layout` tag names. */
export function partialTagFile(tag: RenderTag | LayoutTag): unknown {
  return (tag as unknown as { file?: unknown }).file;
}
