import { type Context, type Emitter, type Liquid, type Parser, Tag, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import type { HasSiteFiles } from "../site-files.ts";

/**
 * Jekyll's `{% link path %}` and `{% post_url name %}`: the URL, base URL first, of the page at a
 * path from the site's root (`content/guide.md`), or of a post by its name
 * (`2024-01-15-tunnel-news`). A name that matches nothing is an error at the tag. `link`'s path
 * may hold Liquid (`{% link {{ page.guide }} %}`), as in Jekyll.
 */

abstract class SiteUrlTag extends Tag {
  private readonly markup: Template[];

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, _parser: Parser) {
    super(token, remainTokens, liquid);
    this.markup = liquid.parse(token.args.trim(), token.file);
  }

  protected abstract urlFor(site: HasSiteFiles["siteFiles"], name: string): string;

  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, string> {
    const name = String(yield this.liquid.renderer.renderTemplates(this.markup, ctx)).trim();
    emitter.write(this.urlFor((this.liquid as Liquid & HasSiteFiles).siteFiles, name));
  }
}

export class LinkTag extends SiteUrlTag {
  protected urlFor(site: HasSiteFiles["siteFiles"], name: string): string {
    return site.linkTo(name);
  }
}

export class PostUrlTag extends SiteUrlTag {
  protected urlFor(site: HasSiteFiles["siteFiles"], name: string): string {
    return site.postUrl(name);
  }
}
