import { type Context, type Emitter, IncludeTag, type Liquid, type Parser, type TagToken, type TopLevelToken } from "liquidjs";
import { includeTagFields } from "../liquidjs-internals.ts";
import { nested } from "../render-budget.ts";

/**
 * Jekyll's `include`, which looks files up in `_includes/` only: a path that climbs out of it
 * (`../secrets.yml`) or starts at the file system's root is refused when the template is parsed,
 * so the error points at the tag that asked for it. Each include is a level of nesting in the
 * render's budget (render-budget.ts), so one that includes itself ends with the chain, at the
 * include that recursed.
 */

export class JekyllIncludeTag extends IncludeTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    const file = this.includedFile;
    if (typeof file === "string" && escapesIncludes(file)) {
      throw new Error(
        token.name === "include_relative"
          ? `include_relative path "${file}" leaves the page's folder: it can only include files beside the page or below its folder`
          : `include path "${file}" leaves _includes/: includes can only be files inside _includes/`,
      );
    }
  }

  /** The file named by the tag: a string, or templates when the name holds Liquid. */
  protected get includedFile(): unknown {
    return includeTagFields(this).file;
  }

  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    // A name made by Liquid (`{% include {{ page.x }} %}`) is labelled as written.
    const file = this.includedFile;
    const label = typeof file === "string" ? file : this.token.args.trim();
    yield* nested(ctx, "include", label, () => this.renderInclude(ctx, emitter), emitter);
  }

  /** The include itself, within its level of nesting. */
  protected *renderInclude(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    yield* super.render(ctx, emitter);
  }
}

export function escapesIncludes(file: string): boolean {
  return file.startsWith("/") || file.split(/[\\/]/).includes("..");
}
