import { IncludeTag, type Liquid, type Parser, type TagToken, type TopLevelToken } from "liquidjs";

/**
 * Jekyll's `include`, which looks files up in `_includes/` only: a path that climbs out of it
 * (`../secrets.yml`) or starts at the file system's root is refused when the template is parsed,
 * so the error points at the tag that asked for it.
 */
export class JekyllIncludeTag extends IncludeTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    const file = (this as unknown as { file: unknown }).file;
    if (typeof file === "string" && escapesIncludes(file)) {
      throw new Error(`include path "${file}" leaves _includes/: includes can only be files inside _includes/`);
    }
  }
}

export function escapesIncludes(file: string): boolean {
  return file.startsWith("/") || file.split(/[\\/]/).includes("..");
}
