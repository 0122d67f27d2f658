import path from "node:path";
import { Context, type FilterImplOptions, Liquid, type LiquidOptions, Output, type RenderOptions, Tag, type Template, toValueSync } from "liquidjs";
import { RubyFloat } from "../filters/ruby-numbers.ts";
import type { CodeMarkup } from "../markdown/code-highlight.ts";
import { listsPlugin } from "../model/jekyll-config.ts";
import { SOURCE_FILE_LIMIT_BYTES } from "../model/limits.ts";
import type { SiteModel } from "../model/site-model.ts";
import { excerptRenderer } from "./document-renders.ts";
import { includeRoots, includesFileSystem } from "./includes-fs.ts";
import { convertWholeFloatLiterals, useRenderer } from "./liquidjs-internals.ts";
import { withLaxVariables } from "./malformed-markup.ts";
import { LIQUID_MEMORY_LIMIT, RENDER_LIMITS, RenderLimitError, type RenderLimits, withBudget } from "./render-budget.ts";
import { withRubyMarkup } from "./ruby-markup.ts";
import { rubyOperators } from "./ruby-operators.ts";
import { JekyllScope } from "./scope.ts";
import { type HasSiteFiles, SiteFiles } from "./site-files.ts";
import { refuseDeepBlocks } from "./tag-nesting.ts";
import { JekyllCaptureTag } from "./tags/capture.ts";
import { FEED_DOCUMENT_TAG, FeedDocumentTag, FeedMetaTag } from "./tags/feed.ts";
import { type HasCodeMarkup, HighlightTag } from "./tags/highlight.ts";
import { JekyllIncludeTag } from "./tags/include.ts";
import { type HasIncludeOutputCache, JekyllIncludeCachedTag } from "./tags/include-cached.ts";
import { JekyllIncludeRelativeTag } from "./tags/include-relative.ts";
import { BoundedForTag, BoundedTablerowTag } from "./tags/loops.ts";
import { BoundedLayoutTag, BoundedRenderTag } from "./tags/partials.ts";
import { PluginTag, tagUses } from "./tags/plugin-tag.ts";
import { SeoTag } from "./tags/seo.ts";
import { LinkTag, PostUrlTag } from "./tags/site-links.ts";
import type { TemplateErrorCollector } from "./template-errors.ts";
import { JekyllContext, TolerantRenderer } from "./undefined-variables.ts";
import { unknownFilterUses } from "./unknown-filters.ts";

/**
 * Jekyll's Liquid dialect on LiquidJS, for one build: unquoted include paths, `include.param`,
 * Jekyll's `site` and `page` in every render (scope.ts), includes read from the site model
 * (includes-fs.ts), and LiquidJS's limits: on the length of each template it parses (the source
 * file limit), on what one render allocates and how long it takes (render-budget.ts; LiquidJS's
 * own clock is a backstop behind the budget's, whose error says where it stopped). Ruby
 * Liquid's semantics where LiquidJS's differ: undefined names as nil (undefined-variables.ts),
 * unknown filters (unknown-filters.ts), `a[b]c` and quoted text without escapes
 * (ruby-markup.ts), Jekyll's tags (tags/).
 */

export interface JekyllEngineOptions {
  model: SiteModel;
  /** Every filter templates may use (src/filters/index.ts). */
  filters: Record<string, FilterImplOptions>;
  /**
   * A checked build's record of Liquid errors: with one, a failing template (a page body, a
   * layout, a front-matter field rendered by `flatify`) is recorded with what was being rendered
   * and renders as nothing, so that every error of the build is found in one run (the checks then
   * fail the build). Without one, the first error throws.
   */
  errors?: TemplateErrorCollector;
  /**
   * Awaited before each page's layouts start, with Eleventy's `page`. Eleventy starts every
   * page's layouts at once, and each step of each page waits for the same step of all the
   * others: every finished page would be held in memory until the last one is rendered. The
   * page writer decides which page goes next and when (src/publish/page-writer.ts).
   */
  pageGate?: (page: EleventyPage) => Promise<void>;
  /** What one render may spend (default RENDER_LIMITS). */
  renderLimits?: Partial<RenderLimits>;
  /**
   * What an undefined variable or data key is. It renders as nil (empty) either way, as in
   * Jekyll, and is reported with its place: as an error (the default, this repository's own
   * site), or as a warning (Jekyll's default, `strict_variables: false`). Without `errors`, an
   * error throws at the first one and a warning is not reported.
   */
  undefinedVariables?: "error" | "warning";
  /**
   * What a filter the engine doesn't have is: an error (the default; the template is refused),
   * or a warning (Jekyll's default, `strict_filters: false`): the value passes through unchanged
   * and each use is reported where it is written (unknown-filters.ts).
   */
  undefinedFilters?: "error" | "warning";
  /**
   * What a tag the engine doesn't have is: an error (the default; Jekyll stops there too), or a
   * warning, in a site that runs plugins this generator doesn't (`plugins:` without an equivalent
   * here, Ruby in `_plugins/`): the tag is taken for one of theirs and renders nothing
   * (tags/plugin-tag.ts).
   */
  unknownTags?: "error" | "warning";
  /**
   * Jekyll's `liquid: error_mode` for malformed variable markup (`{{ page.title | }}`,
   * malformed-markup.ts): rendered as Ruby's lax parser reads it, and reported as an error
   * (`strict`, this repository's own site) or a warning (`warn`, Jekyll's default, and `lax`,
   * which Jekyll keeps quiet about: reported here all the same). Without it, LiquidJS reads such
   * markup as it does.
   */
  errorMode?: "strict" | "warn" | "lax";
}

/** Eleventy's `page` object, as far as the engine reads it. */
export interface EleventyPage {
  url?: unknown;
  inputPath?: unknown;
}

const usesScope = (template: Template) => template instanceof Tag || template instanceof Output;

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>;
type FilterThis = ThisParameterType<FilterHandler> & { context: { getAll(): unknown } };

type TemplateCache = Exclude<LiquidOptions["cache"], boolean | number | undefined>;

/** Ruby's floats for literals like `4.0`, which LiquidJS reads as the integer 4 (ruby-numbers.ts). */
const withRubyFloatLiterals = (templates: Template[]): Template[] => {
  convertWholeFloatLiterals(templates, (value) => new RubyFloat(value));
  return templates;
};

/** Parsed include files, for the engine's life: one build (every include's parse passes through `write`). */
class BuildTemplateCache implements TemplateCache {
  private readonly templates = new Map<string, Template[] | Promise<Template[]>>();
  read = (key: string) => this.templates.get(key);
  write = (key: string, value: Template[] | Promise<Template[]>) =>
    void this.templates.set(key, value instanceof Promise ? value.then(withRubyFloatLiterals) : withRubyFloatLiterals(value));
  remove = (key: string) => void this.templates.delete(key);
  clear = () => this.templates.clear();
}

function isGenerator(value: unknown): value is Generator {
  return typeof (value as Generator | undefined)?.next === "function" && typeof (value as Generator)[Symbol.iterator] === "function";
}

/** Tag names that only mark a place inside a block tag. */
const BLOCK_MARKERS = new Set(["else", "elsif", "when"]);

export class JekyllLiquid extends Liquid implements HasIncludeOutputCache, HasSiteFiles, HasCodeMarkup {
  /** `include_cached` output by include and parameters, for this build. */
  readonly includeOutputs = new Map<string, string>();
  readonly scope: JekyllScope;
  readonly siteFiles: SiteFiles;
  /** `{% highlight %}`'s token classes: Rouge's in a Jekyll site, whose style sheet is a Rouge theme. */
  readonly codeMarkup: CodeMarkup;
  private readonly errors: TemplateErrorCollector | undefined;
  private readonly lenientFilters: boolean;
  private readonly pluginTags: boolean;
  private readonly errorMode: JekyllEngineOptions["errorMode"];
  private readonly pageGate: (page: EleventyPage) => Promise<void>;
  private readonly renderLimits: RenderLimits;
  /** Pages whose layouts have started rendering (Eleventy's `page` object, one per page). */
  private readonly pagesInLayout = new WeakSet<object>();

  constructor(options: JekyllEngineOptions) {
    const lenientFilters = options.undefinedFilters === "warning";
    super({
      root: includeRoots(options.model),
      partials: includeRoots(options.model),
      extname: "",
      jekyllInclude: true,
      dynamicPartials: false,
      strictFilters: !lenientFilters,
      strictVariables: true,
      lenientIf: true,
      operators: rubyOperators,
      cache: new BuildTemplateCache(),
      // Each include is read once, at its first use (after construction): its unknown filters are found then.
      fs: includesFileSystem(options.model, (text) => {
        if (lenientFilters) this.reportUnknownFilters(text);
        if (this.pluginTags) this.registerPluginTags(text);
        return this.withLaxVariables(text);
      }),
      catchAllErrors: options.errors !== undefined,
      parseLimit: SOURCE_FILE_LIMIT_BYTES,
      // Jekyll's `timezone:` (Jekyll sets TZ from it): dates print in it (ruby-dates.ts).
      timezoneOffset: options.model.settings.timeZone,
      memoryLimit: LIQUID_MEMORY_LIMIT,
      // LiquidJS's own time limit only backs up the budget's (which says where it stopped).
      renderLimit: 2 * Math.max(1000, options.renderLimits?.milliseconds ?? RENDER_LIMITS.milliseconds),
    });
    this.lenientFilters = lenientFilters;
    this.pluginTags = options.unknownTags === "warning";
    this.errorMode = options.errorMode;
    this.scope = new JekyllScope(options.model, excerptRenderer(this, options.filters.markdownify));
    this.siteFiles = new SiteFiles(options.model);
    this.codeMarkup = options.model.kind === "jekyll" ? "rouge" : "theme";
    this.errors = options.errors;
    this.pageGate = options.pageGate ?? (() => new Promise((resolve) => setImmediate(resolve)));
    this.renderLimits = { ...RENDER_LIMITS, ...options.renderLimits };
    const severity = options.undefinedVariables ?? "error";
    const errors = options.errors;
    if (errors || severity === "warning") {
      useRenderer(
        this,
        new TolerantRenderer((error, ctx) =>
          errors?.add({ error, page: this.pageOfScope(ctx.environments), severity: severity === "warning" ? "warning" : undefined }, ctx),
        ),
      );
    }
    this.registerTag("capture", JekyllCaptureTag);
    this.registerTag("include", JekyllIncludeTag);
    this.registerTag("include_cached", JekyllIncludeCachedTag);
    this.registerTag("include_relative", JekyllIncludeRelativeTag);
    this.registerTag("highlight", HighlightTag);
    this.registerTag("link", LinkTag);
    this.registerTag("post_url", PostUrlTag);
    this.registerTag("for", BoundedForTag);
    this.registerTag("tablerow", BoundedTablerowTag);
    this.registerTag("render", BoundedRenderTag);
    this.registerTag("layout", BoundedLayoutTag);
    // A plugin's tag exists only where the site lists the plugin, as in Jekyll.
    if (options.model.kind === "jekyll" && listsPlugin(options.model.siteData, "jekyll-seo-tag")) this.registerTag("seo", SeoTag);
    if (options.model.kind === "jekyll" && listsPlugin(options.model.siteData, "jekyll-feed")) {
      this.registerTag("feed_meta", FeedMetaTag);
      this.registerTag(FEED_DOCUMENT_TAG, FeedDocumentTag);
    }
    for (const [name, filter] of Object.entries(options.filters)) this.registerFilter(name, filter);
    this.siteFilterNames = new Set(Object.keys(options.filters));
  }

  /** The site's filters (the registry's), which no later registration replaces. */
  private siteFilterNames: ReadonlySet<string> | undefined;

  /**
   * Renders synchronously behind Eleventy's async interface: LiquidJS's async mode awaits every
   * tag, output and filter (a promise each), which costs more than the rendering itself, and
   * nothing this site renders needs to wait. Filters must therefore return values, not promises
   * (registerFilter enforces it).
   */
  override async render(tpl: Template[], scope?: object, renderOptions?: RenderOptions): Promise<unknown> {
    if (this.startsLayoutChain(scope)) await this.pageGate((scope as { page: EleventyPage }).page);
    // Plain text (every page's permalink, for one) needs no Jekyll scope built for it.
    const data = tpl.some(usesScope) ? this.scope.scopeFor((scope ?? {}) as Record<string, unknown>) : scope;
    if (!this.errors) return this.renderSync(tpl, data, renderOptions);
    try {
      return this.renderSync(tpl, data, renderOptions);
    } catch (error) {
      this.errors.add({ error, page: this.pageOfScope(scope) }, data as Record<string, unknown>);
      return "";
    }
  }

  /**
   * Whether this render is a page's first layout (layouts get `content`): the page's turn at the
   * gate, once, before its layouts run.
   */
  private startsLayoutChain(scope: unknown): boolean {
    const { content, page } = (scope ?? {}) as { content?: unknown; page?: unknown };
    if (content === undefined || typeof page !== "object" || page === null || this.pagesInLayout.has(page)) return false;
    this.pagesInLayout.add(page);
    return true;
  }

  /** Pages, layouts and flatify's texts; block tags nested too deep are refused first (see tag-nesting.ts). */
  override parse(html: string, filepath?: string): Template[] {
    // Eleventy parses page bodies and layouts with their file path; flatify parses without one.
    if (!this.errors || filepath === undefined) return this.parseBounded(html, filepath);
    try {
      return this.parseBounded(html, filepath);
    } catch (error) {
      this.errors.add({ error, page: path.resolve(filepath) });
      return [];
    }
  }

  private parseBounded(html: string, filepath?: string): Template[] {
    refuseDeepBlocks(html, filepath);
    if (this.lenientFilters) this.reportUnknownFilters(html, filepath);
    if (this.pluginTags) this.registerPluginTags(html, filepath);
    return withRubyFloatLiterals(super.parse(withRubyMarkup(this.withLaxVariables(html, filepath)), filepath));
  }

  /** The file of the page a render's scope belongs to (this repository's pages and a Jekyll site's alike). */
  pageOfScope(scope: unknown): string | undefined {
    return this.siteFiles.sourceFileOf((scope as { page?: { inputPath?: unknown; path?: unknown } } | undefined)?.page);
  }

  /** The text with malformed variable markup as Ruby's lax parser reads it, each reported (malformed-markup.ts). */
  withLaxVariables(text: string, filepath?: string): string {
    if (this.errorMode === undefined) return text;
    const lenient = this.errorMode !== "strict";
    const lax = withLaxVariables(text);
    for (const problem of lax.problems) {
      const error = Object.assign(new Error(problem.message), { name: "ParseError", token: { input: text, begin: problem.begin, end: problem.end } });
      if (!this.errors) {
        if (lenient) continue;
        throw error;
      }
      this.errors.add({ error, page: filepath === undefined ? undefined : path.resolve(filepath), severity: lenient ? "warning" : undefined });
    }
    return lax.text;
  }

  /** Each use of a filter the engine doesn't have, as a warning (when filters are lenient). */
  reportUnknownFilters(text: string, filepath?: string): void {
    if (!this.errors) return;
    for (const use of unknownFilterUses(text, (name) => name in this.filters)) {
      const error = Object.assign(new Error(`undefined filter: ${use.name}`), { token: { input: text, begin: use.begin, end: use.end } });
      this.errors.add({ error, page: filepath === undefined ? undefined : path.resolve(filepath), severity: "warning" });
    }
  }

  /** Each use of a tag the engine doesn't have: taken for a plugin's (rendering nothing), and reported as a warning. */
  registerPluginTags(text: string, filepath?: string): void {
    for (const use of tagUses(text)) {
      if (use.name in this.tags && this.tags[use.name] !== PluginTag) continue;
      // A block's own markers (`else`, `when`, `endif`) are its parser's; a plugin block's end is the plugin's.
      if (BLOCK_MARKERS.has(use.name)) continue;
      if (use.name.startsWith("end")) {
        if (this.tags[use.name.slice(3)] === PluginTag) this.registerTag(use.name, PluginTag);
        continue;
      }
      this.registerTag(use.name, PluginTag);
      if (!this.errors) continue;
      const error = Object.assign(new Error(`plugin tag: ${use.name}`), { token: { input: text, begin: use.begin, end: use.begin + use.name.length } });
      this.errors.add({ error, page: filepath === undefined ? undefined : path.resolve(filepath), severity: "warning" });
    }
  }

  /** Every render gets a budget of its own (render-budget.ts). */
  override renderSync(tpl: Template[], scope?: object, renderOptions?: RenderOptions): unknown {
    if (scope instanceof Context) return super.renderSync(tpl, scope, renderOptions);
    const options = withBudget({ ...renderOptions, sync: true }, this.options.globals, this.renderLimits);
    return super.renderSync(tpl, new JekyllContext(scope, this.options, options, { liquid: this }), options);
  }

  override registerFilter(name: string, filter: FilterImplOptions): void {
    // Eleventy registers its universal filters (slugify, url, log) into the library it is given:
    // the site's own of the same name (Jekyll's slugify) stays.
    if (this.siteFilterNames?.has(name)) return;
    const handler = typeof filter === "function" ? filter : filter.handler;
    const errors = this.errors;
    const engine = this;
    const synchronous: FilterHandler = function (...args) {
      const result = handler.apply(this, args);
      if (result instanceof Promise) {
        throw new Error(`the "${name}" filter returned a promise; this site renders Liquid synchronously, so filters must return their value`);
      }
      return result;
    };
    // flatify renders a front-matter field: in a checked build its errors are recorded with the
    // field (so that they are located in it), not with the whole page.
    const recorded: FilterHandler = function (this: FilterThis, input: unknown, ...rest: unknown[]) {
      try {
        const output = synchronous.call(this, input, ...rest);
        // flatify hands back its render's generator: driven here, so that its errors land here.
        return isGenerator(output) ? toValueSync(output) : output;
      } catch (error) {
        // A limit passed as this flatify starts (it recursed) belongs to the `{{ ... | flatify }}`
        // that called it: LiquidJS records it there, with that tag's place.
        if (error instanceof RenderLimitError) throw error;
        errors!.add({ error, page: engine.pageOfScope(this.context.getAll()), fieldSource: input == null ? "" : String(input) }, this.context as never);
        return "";
      }
    } as FilterHandler;
    const wrapped = errors && name === "flatify" ? recorded : synchronous;
    super.registerFilter(name, typeof filter === "function" ? wrapped : { ...filter, handler: wrapped });
  }
}
