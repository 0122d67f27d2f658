import path from "node:path";
import { defaultOptions, Liquid, Output, Tag, type FilterImplOptions, type FS, type LiquidOptions, type RenderOptions, type Template } from "liquidjs";
import type MarkdownIt from "markdown-it";
import { oversizeBytes, oversizeMessage, SOURCE_FILE_LIMIT_BYTES } from "../model/limits.ts";
import { flatify, markdownFilters } from "../filters/rendering.ts";
import { urlFilters } from "../filters/urls.ts";
import { ipFilters } from "../filters/ip-addresses.ts";
import { connectionFilters } from "../filters/connections.ts";
import { firewallFilters } from "../filters/firewall.ts";
import { htmlFilters } from "../filters/html.ts";
import { JekyllScope } from "./scope.ts";
import { refuseDeepBlocks } from "./tag-nesting.ts";
import { JekyllIncludeTag } from "./tags/include.ts";
import { JekyllIncludeCachedTag, type HasIncludeOutputCache } from "./tags/include-cached.ts";
import { BoundedForTag, BoundedTablerowTag } from "./tags/loops.ts";
import { BoundedLayoutTag, BoundedRenderTag } from "./tags/partials.ts";
import { LIQUID_MEMORY_LIMIT, RENDER_LIMITS, RenderLimitError, withBudget, type RenderLimits } from "./render-budget.ts";

export interface LiquidEngineOptions {
  inputDir: string;
  includesDir: string;
  dataDir: string;
  baseurl: string;
  siteUrl: string;
  collections: Record<string, string>;
  markdown: MarkdownIt;
  /** What one render may spend (default RENDER_LIMITS). */
  renderLimits?: Partial<RenderLimits>;
}

const usesScope = (template: Template) => template instanceof Tag || template instanceof Output;

/** Eleventy's `page` object, as far as the page gate reads it. */
export interface EleventyPage {
  url?: unknown;
}

/** Pages whose layouts have started rendering (Eleventy's `page` object, one per page). */
const pagesInLayout = new WeakSet<object>();

/**
 * Whether this render is a page's first layout (layouts get `content`). Eleventy starts every
 * page's layouts at once, and each step of each page waits for the same step of all the others:
 * every finished page would be held in memory until the last one is rendered. Waiting for the
 * page gate once, before a page's first layout, lets each page run through its layouts, its
 * transforms and the PageWriter before the next one starts.
 */
function startsLayoutChain(scope: unknown): boolean {
  const { content, page } = (scope ?? {}) as { content?: unknown; page?: unknown };
  if (content === undefined || typeof page !== "object" || page === null || pagesInLayout.has(page)) return false;
  pagesInLayout.add(page);
  return true;
}

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>;

/**
 * LiquidJS's file access (for includes), refusing what its parser must not be given: a file over
 * the size limit, before reading it; block tags nested too deep (see tag-nesting.ts).
 */
const boundedFs: FS = {
  ...defaultOptions.fs,
  readFileSync(file: string) {
    refuseOversize(file);
    const text = defaultOptions.fs.readFileSync(file);
    refuseDeepBlocks(text, file);
    return text;
  },
  async readFile(file: string) {
    refuseOversize(file);
    const text = await defaultOptions.fs.readFile(file);
    refuseDeepBlocks(text, file);
    return text;
  },
};

function refuseOversize(file: string): void {
  const bytes = oversizeBytes(file);
  if (bytes !== undefined) throw new RenderLimitError(oversizeMessage("include", bytes, `include "${path.basename(file)}"`));
}

/**
 * Jekyll's Liquid dialect on LiquidJS: unquoted include paths, `include.param`, shared scope.
 * With LiquidJS's limits: on the length of each template it parses (the source file limit:
 * pages, includes and data files are held to it when read, layouts, which Eleventy reads, here),
 * on what one render allocates (see render-budget.ts), and on a render's time, as a backstop
 * behind the render budget's own clock (LiquidJS checks its clock between templates, where its
 * error cannot say which template it stopped in, so the budget's comes first).
 */
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
  fs: boundedFs,
  parseLimit: SOURCE_FILE_LIMIT_BYTES,
  memoryLimit: LIQUID_MEMORY_LIMIT,
  renderLimit: 2 * RENDER_LIMITS.milliseconds,
});

type TemplateCache = Exclude<LiquidOptions["cache"], boolean | number | undefined>;

/**
 * Parsed include files for the length of one build. LiquidJS's own `cache: true`
 * keeps them for the life of the engine, so a watch process would keep rendering an include
 * as it was before an edit.
 */
class BuildTemplateCache implements TemplateCache {
  private readonly templates = new Map<string, Template[] | Promise<Template[]>>();
  read = (key: string) => this.templates.get(key);
  write = (key: string, value: Template[] | Promise<Template[]>) => void this.templates.set(key, value);
  remove = (key: string) => void this.templates.delete(key);
  clear = () => this.templates.clear();
}

/** LiquidJS whose every render sees Jekyll's `site` and `page` (see JekyllScope). */
export class JekyllLiquid extends Liquid implements HasIncludeOutputCache {
  private readonly templateCache: BuildTemplateCache;
  /** `include_cached` output by include and parameters, for one build. */
  readonly includeOutputs = new Map<string, string>();
  private readonly layoutListeners: Array<(data: Record<string, unknown>) => void> = [];
  /**
   * Awaited before each page's layouts start, with Eleventy's `page`; by default, the next turn
   * of the event loop. Whatever takes the finished pages (the page writer) decides which page
   * goes next and when, so that rendering never gets far ahead of the writing.
   */
  pageGate: (page: EleventyPage) => Promise<void> = () => new Promise((resolve) => setImmediate(resolve));

  constructor(
    options: LiquidOptions,
    readonly jekyllScope: JekyllScope,
    private readonly renderLimits: RenderLimits = RENDER_LIMITS,
  ) {
    const templateCache = new BuildTemplateCache();
    super({ ...options, cache: options.cache ? templateCache : false });
    this.templateCache = templateCache;
  }

  /** Call at the start of each build: data files, collection pages and includes may have changed. */
  startBuild(): void {
    this.jekyllScope.reset();
    this.templateCache.clear();
    this.includeOutputs.clear();
  }

  /**
   * Renders synchronously behind Eleventy's async interface: LiquidJS's async mode awaits every
   * tag, output and filter (a promise each), which costs more than the rendering itself, and
   * nothing this site renders needs to wait. Filters must therefore return values, not promises
   * (registerFilter enforces it).
   */
  override async render(tpl: Template[], scope?: object, renderOptions?: RenderOptions): Promise<any> {
    if (startsLayoutChain(scope)) {
      for (const listener of this.layoutListeners) listener(scope as Record<string, unknown>);
      await this.pageGate((scope as { page: EleventyPage }).page);
    }
    // Plain text (every page's permalink, for one) needs no Jekyll scope built for it.
    const data = tpl.some(usesScope) ? this.jekyllScope.scopeFor((scope ?? {}) as Record<string, unknown>) : scope;
    return this.renderSync(tpl, data, renderOptions);
  }

  /** Pages, layouts and flatify's texts; block tags nested too deep are refused first (see tag-nesting.ts). */
  override parse(html: string, filepath?: string): Template[] {
    refuseDeepBlocks(html, filepath);
    return super.parse(html, filepath);
  }

  /** Every render gets a budget of its own (render-budget.ts). */
  override renderSync(tpl: Template[], scope?: object, renderOptions?: RenderOptions): any {
    return super.renderSync(tpl, scope, withBudget(renderOptions ?? {}, this.options.globals, this.renderLimits));
  }


  /**
   * Calls `listener` once per page, when its layouts start, with the data Eleventy hands the
   * first layout (the page's whole data cascade, and its `content`).
   */
  onPageLayouts(listener: (data: Record<string, unknown>) => void): void {
    this.layoutListeners.push(listener);
  }

  override registerFilter(name: string, filter: FilterImplOptions): void {
    const handler = typeof filter === "function" ? filter : filter.handler;
    const synchronous: FilterHandler = function (...args) {
      const result = handler.apply(this, args);
      if (result instanceof Promise) {
        throw new Error(`the "${name}" filter returned a promise; this site renders Liquid synchronously, so filters must return their value`);
      }
      return result;
    };
    super.registerFilter(name, typeof filter === "function" ? synchronous : { ...filter, handler: synchronous });
  }
}

export function createLiquid(options: LiquidEngineOptions): JekyllLiquid {
  const scope = new JekyllScope({
    inputDir: options.inputDir,
    dataDir: options.dataDir,
    baseurl: options.baseurl,
    collections: options.collections,
  });
  const liquid = new JekyllLiquid(jekyllLiquidOptions(options.includesDir), scope, { ...RENDER_LIMITS, ...options.renderLimits });
  liquid.registerTag("include", JekyllIncludeTag);
  liquid.registerTag("include_cached", JekyllIncludeCachedTag);
  liquid.registerTag("for", BoundedForTag);
  liquid.registerTag("tablerow", BoundedTablerowTag);
  liquid.registerTag("render", BoundedRenderTag);
  liquid.registerTag("layout", BoundedLayoutTag);
  const filters = {
    flatify,
    ...markdownFilters(options.markdown),
    ...urlFilters(options.baseurl, options.siteUrl),
    ...ipFilters,
    ...connectionFilters,
    ...firewallFilters,
    ...htmlFilters,
  };
  for (const [name, filter] of Object.entries(filters)) liquid.registerFilter(name, filter);
  return liquid;
}
