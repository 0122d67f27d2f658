import { Liquid, type LiquidOptions, type RenderOptions, type Template } from "liquidjs";
import type MarkdownIt from "markdown-it";
import { flatify, markdownFilters } from "./filters/rendering.ts";
import { urlFilters } from "./filters/urls.ts";
import { ipFilters } from "./filters/ip-addresses.ts";
import { connectionFilters } from "./filters/connections.ts";
import { firewallFilters } from "./filters/firewall.ts";
import { JekyllScope } from "./jekyll-scope.ts";
import { JekyllIncludeTag } from "./tags/include.ts";

export interface LiquidEngineOptions {
  inputDir: string;
  includesDir: string;
  dataDir: string;
  baseurl: string;
  siteUrl: string;
  collections: Record<string, string>;
  markdown: MarkdownIt;
}

/** Jekyll's Liquid dialect on LiquidJS: unquoted include paths, `include.param`, shared scope. */
export const jekyllLiquidOptions = (includesDir: string): LiquidOptions => ({
  root: [includesDir],
  partials: [includesDir],
  extname: "",
  jekyllInclude: true,
  dynamicPartials: false,
  strictFilters: true,
  strictVariables: true,
  lenientIf: true,
  cache: true,
});

/** LiquidJS whose every render sees Jekyll's `site` and `page` (see JekyllScope). */
export class JekyllLiquid extends Liquid {
  constructor(
    options: LiquidOptions,
    readonly jekyllScope: JekyllScope,
  ) {
    super(options);
  }

  override render(tpl: Template[], scope?: object, renderOptions?: RenderOptions): Promise<any> {
    return super.render(tpl, this.jekyllScope.scopeFor((scope ?? {}) as Record<string, unknown>), renderOptions);
  }
}

export function createLiquid(options: LiquidEngineOptions): JekyllLiquid {
  const scope = new JekyllScope({
    inputDir: options.inputDir,
    dataDir: options.dataDir,
    baseurl: options.baseurl,
    collections: options.collections,
  });
  const liquid = new JekyllLiquid(jekyllLiquidOptions(options.includesDir), scope);
  liquid.registerTag("include", JekyllIncludeTag);
  const filters = {
    flatify,
    ...markdownFilters(options.markdown),
    ...urlFilters(options.baseurl, options.siteUrl),
    ...ipFilters,
    ...connectionFilters,
    ...firewallFilters,
  };
  for (const [name, filter] of Object.entries(filters)) liquid.registerFilter(name, filter);
  return liquid;
}
