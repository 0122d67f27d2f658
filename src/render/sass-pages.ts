import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Exception, Logger, SourceSpan } from "sass";
import { type Finding, finding, type Location } from "../checks/finding.ts";
import { SASS_EXTENSIONS } from "../model/permalinks.ts";
import type { SassSettings } from "../model/sass-settings.ts";
import { relativeToRoot, type SiteModel, type SourcePage } from "../model/site-model.ts";

/**
 * A Jekyll site's `.scss` and `.sass` pages (files with front matter, usually
 * `assets/css/style.scss` importing partials of `_sass/`), compiled to CSS after their Liquid, as
 * jekyll-sass-converter does: `_sass/` (`sass: sass_dir:`) and `load_paths` are where `@import`
 * looks, `sass: style:` is the output's. Jekyll 4.3's converter is libsass; this is dart-sass
 * (the `sass` package), loaded only when a site has such a page: the same CSS but for formatting
 * and the two compilers' corner cases (README). Deprecation warnings (dart-sass deprecates the
 * `@import` every Jekyll theme uses, which libsass accepts) are not passed on; a Sass error is an
 * error finding at the place Sass names (a partial's own line when it is in `_sass/`), and fails
 * the build, as it fails Jekyll's; `@warn` is a warning there.
 */

type SassModule = typeof import("sass");

let loading: Promise<SassModule> | undefined;
const loadSass = () => {
  loading ??= import("sass");
  return loading;
};

const PERCENT = String.raw`(-?[\d.]+)%`;
/** `rgb(9.0%, 33.8%, 66.1%)` and `rgba(9.0%, 33.8%, 66.1%, 0.5)` as dart-sass writes a computed colour (in either style's spacing). */
const FRACTIONAL_RGB = new RegExp(String.raw`\brgba?\(\s*${PERCENT}\s*,\s*${PERCENT}\s*,\s*${PERCENT}\s*(?:,\s*([\d.]+)\s*)?\)`, "g");

const channel = (percent: string) => Math.round(Math.min(100, Math.max(0, Number(percent))) * 2.55);

/**
 * A computed colour (`darken($accent, 15%)`) as libsass writes it: dart-sass keeps its channels'
 * fractions (`rgb(8.9993518068%, 33.8251498947%, 66.0986874088%)`), libsass rounds them to
 * whole channels (`#1756a9`; `rgba(23, 86, 169, 0.5)` with an alpha). The same colour to the eye,
 * and Jekyll's bytes.
 */
export function withRoundedColours(css: string): string {
  return css.replace(FRACTIONAL_RGB, (_, red: string, green: string, blue: string, alpha: string | undefined) => {
    const channels = [red, green, blue].map(channel);
    if (alpha !== undefined) return `rgba(${channels.join(", ")}, ${alpha})`;
    return `#${channels.map((value) => value.toString(16).padStart(2, "0")).join("")}`;
  });
}

export class SassPages {
  readonly findings: Finding[] = [];
  private readonly pages = new Map<string, SourcePage>();

  constructor(
    private readonly model: SiteModel,
    private readonly settings: SassSettings,
  ) {
    for (const page of model.pages) if (SASS_EXTENSIONS.has(path.extname(page.file).toLowerCase())) this.pages.set(path.resolve(page.absolutePath), page);
  }

  /** The Eleventy plugin: a transform, added before the page output's (which hands the result on). */
  readonly plugin = (eleventyConfig: EleventyConfig): void => {
    if (this.pages.size === 0) return;
    const pages = this;
    eleventyConfig.addTransform("sass", async function (content: unknown) {
      const { inputPath } = this.page as { inputPath: string };
      const page = pages.pages.get(path.resolve(inputPath));
      return page ? pages.compile(page, String(content)) : content;
    });
  };

  /** The page's CSS; "" after an error (recorded: the build fails). */
  async compile(page: SourcePage, scss: string): Promise<string> {
    const sass = await loadSass();
    const url = pathToFileURL(page.absolutePath);
    const at = (span: SourceSpan | undefined) => this.locationOf(span, page, url);
    const logger: Logger = {
      warn: (message, { deprecation, span }) => {
        if (!deprecation) this.findings.push(finding("sass", "warning", at(span), message));
      },
      debug: () => {},
    };
    try {
      const result = sass.compileString(scss, {
        url,
        syntax: page.file.toLowerCase().endsWith(".sass") ? "indented" : "scss",
        loadPaths: this.settings.loadPaths,
        style: this.settings.style,
        logger,
        quietDeps: true,
      });
      return result.css.length > 0 ? `${withRoundedColours(result.css)}\n` : "";
    } catch (error) {
      const exception = error as Exception;
      if (typeof exception.sassMessage !== "string") throw error;
      this.findings.push(finding("sass", "error", at(exception.span), `Sass: ${exception.sassMessage}${this.themeHint(exception.sassMessage)}`));
      return "";
    }
  }

  /** A missing import in a site with a `theme:` gem: the gem's `_sass/` is what Jekyll would have found it in. */
  private themeHint(message: string): string {
    const theme = this.model.siteData.theme;
    if (typeof theme !== "string" || !message.startsWith("Can't find stylesheet to import")) return "";
    return ` (the site's theme "${theme}" is a Ruby gem, which this generator does not read: copy the theme's _sass/ files into the site's _sass/)`;
  }

  /** Where a span of Sass's is in the site's files: the page's lines are below its front matter. */
  private locationOf(span: SourceSpan | undefined, page: SourcePage, pageUrl: URL): Location {
    if (!span) return { file: page.file, line: 1, column: 1 };
    const line = span.start.line;
    const column = span.start.column + 1;
    if (!span.url || span.url.href === pageUrl.href) return { file: page.file, line: page.bodyStartLine + line, column };
    const file = span.url.protocol === "file:" ? relativeToRoot(this.model.root, fileURLToPath(span.url)) : span.url.href;
    return { file, line: line + 1, column };
  }
}
