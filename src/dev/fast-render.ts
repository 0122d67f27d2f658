import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { ConfigureCheckedBuild } from "../pipeline/check-site.ts";
import type { TemplateErrorCollector } from "../jekyll/template-errors.ts";
import type { JekyllLiquid } from "../jekyll/engine.ts";
import { outputPermalink } from "../render/eleventy-config.ts";
import { parseFrontMatter } from "../model/front-matter.ts";
import { readSiteSettings, type SiteDirectories } from "../model/settings.ts";

/**
 * npm start's fast path for the most common edit, the text of one tutorial: the page is rendered
 * at once and the dev server shows it from memory, then the full checked build follows as always
 * and alone decides what reaches _site/ (a page rendered here has not passed the output checks:
 * its links, say). A whole build of a large site takes seconds; this takes milliseconds.
 *
 * It renders with what the last published build had: the Liquid engine (includes, collections,
 * data) and the data Eleventy worked out for the page, with the page's new front matter in place
 * of the old. So it applies only when nothing else can have changed: the file is a tutorial
 * that was built, and its title, permalink, layout and redirects are as they were (other pages
 * show the title; the others decide where pages are). Nor does it return a page whose render
 * records a Liquid error (the tutorial layout's `tutorial` filter checks the format, so a
 * format mistake is one). Anything else waits for the full build, which also reports
 * the edit's mistakes, checks its links and brings the search index up to date.
 */

interface BuiltPage {
  /** Eleventy's data for the page, as its first layout got it (without `content`). */
  data: Record<string, unknown>;
  /** Eleventy's URL of the page (`/docs/common/x.html`). */
  url: string;
}

interface BuiltSite {
  liquid: JekyllLiquid;
  /** Where a checked build's engine records Liquid errors (it renders them as nothing). */
  templateErrors: TemplateErrorCollector;
  pages: Map<string, BuiltPage>;
}

/** A page rendered by the fast path: its output file (relative to _site/, `/`-separated) and HTML. */
export interface FastRenderedPage {
  file: string;
  html: string;
}

/** Front-matter keys whose change reaches other pages or other files. */
const SITE_SHAPING_KEYS = ["title", "layout", "redirect_from"];

const frontMatterOf = (text: string) => matter(text, { engines: { yaml: (yaml: string) => parseFrontMatter(yaml) } });

export class FastRender {
  private published: BuiltSite | undefined;
  private building: BuiltSite | undefined;

  constructor(private readonly dirs: SiteDirectories) {}

  /** checkSite's `configure`: records each page's data as Eleventy hands it to the page's layouts. */
  readonly configure: ConfigureCheckedBuild = (_eleventyConfig, site, templateErrors) => {
    const building: BuiltSite = { liquid: site.liquid, templateErrors, pages: new Map() };
    this.building = building;
    site.liquid.onPageLayouts(({ content: _content, ...data }) => {
      const page = data.page as { inputPath?: unknown; url?: unknown };
      if (typeof page.inputPath === "string" && typeof page.url === "string") {
        building.pages.set(path.resolve(page.inputPath), { data, url: page.url });
      }
    });
  };

  /** Call after each build: a published build's pages are the ones the fast path renders. */
  buildFinished(published: boolean): void {
    if (published && this.building) this.published = this.building;
    this.building = undefined;
  }

  /**
   * Renders `file` as the published site would show it, or undefined if it can't.
   * Synchronous file access: a full build may be running, and each await would queue behind it.
   */
  async render(file: string): Promise<FastRenderedPage | undefined> {
    const site = this.published;
    const built = site?.pages.get(path.resolve(file));
    if (!site || !built || built.data.layout !== "tutorial") return undefined;
    const source = frontMatterOf(readFileSync(file, "utf8"));
    const frontMatter = source.data as Record<string, unknown>;
    const { baseurl } = readSiteSettings(this.dirs.data);
    const inputPath = String((built.data.page as { inputPath: string }).inputPath);
    const unchanged =
      SITE_SHAPING_KEYS.every((key) => JSON.stringify(frontMatter[key]) === JSON.stringify(built.data[key])) &&
      outputPermalink(frontMatter.permalink, inputPath, this.dirs.input, baseurl) === built.data.permalink;
    if (!unchanged) return undefined;

    const data: Record<string, unknown> = { ...built.data };
    for (const key of site.liquid.jekyllScope.frontMatterKeys(built.data)) delete data[key];
    Object.assign(data, frontMatter, { permalink: built.data.permalink });

    // The tutorial's body goes to its layout unrendered (src/model/front-matter.ts); each layout
    // names the next in its own front matter, as Eleventy reads them.
    let content: unknown = source.content;
    const errorsBefore = site.templateErrors.records.length;
    for (let layout = frontMatter.layout; typeof layout === "string"; ) {
      const layoutFile = path.join(this.dirs.includes, "layouts", `${layout}.html`);
      const parsed = frontMatterOf(readFileSync(layoutFile, "utf8"));
      content = await site.liquid.render(site.liquid.parse(parsed.content, layoutFile), { content, ...data });
      layout = (parsed.data as Record<string, unknown>).layout;
    }
    // A mistake in the edit: nothing is shown; the full build reports it, located.
    if (site.templateErrors.records.length > errorsBefore) {
      site.templateErrors.records.splice(errorsBefore);
      return undefined;
    }
    built.data = data;
    const url = built.url.endsWith("/") ? `${built.url}index.html` : built.url;
    return { file: url.replace(/^\/+/, ""), html: String(content) };
  }
}
