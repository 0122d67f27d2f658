import { readFileSync } from "node:fs";
import path from "node:path";
import { PAGE_DATA_KEY } from "../jekyll/scope.ts";
import { pageFromText } from "../model/read-site.ts";
import type { SourceLayout } from "../model/site-model.ts";
import { outputPathFor } from "../model/urls.ts";
import type { RenderedSite } from "../pipeline/run-pipeline.ts";

/**
 * npm start's fast path for the most common edit, the text of one tutorial: the page is rendered
 * at once and the dev server shows it from memory, then the full checked build follows as always
 * and alone decides what reaches _site/ (a page rendered here has not passed the output checks:
 * its links, say). A whole build of a large site takes seconds; this takes milliseconds.
 *
 * It renders with what the last published build had: its Liquid engine (includes, collections,
 * data) and its site model (layouts), with the page's new front matter in place of the old. So
 * it applies only when nothing else can have changed: the file is a tutorial that was built, and
 * its title, permalink, layout and redirects are as they were (other pages show the title; the
 * others decide where pages are). Nor does it return a page whose render records a Liquid error
 * (the tutorial layout's `tutorial` filter checks the format, so a format mistake is one).
 * Anything else waits for the full build, which also reports the edit's mistakes, checks its
 * links and brings the search index up to date.
 */

/** A page rendered by the fast path: its output file (relative to _site/, `/`-separated) and HTML. */
export interface FastRenderedPage {
  file: string;
  html: string;
}

/** Front-matter keys whose change reaches other pages or other files. */
const SITE_SHAPING_KEYS = ["title", "layout", "permalink", "redirect_from", "published"];

export class FastRender {
  private published: RenderedSite | undefined;

  /** Call after each build: a published build's pages are the ones the fast path renders. */
  buildFinished(rendered: RenderedSite | undefined, published: boolean): void {
    if (published && rendered) this.published = rendered;
  }

  /**
   * Renders `file` as the published site would show it, or undefined if it can't. Synchronous
   * file access: a full build may be running, and each await would queue behind it.
   */
  async render(file: string): Promise<FastRenderedPage | undefined> {
    const site = this.published;
    const absolutePath = path.resolve(file);
    const built = site?.pages.find((page) => page.absolutePath === absolutePath);
    // A draft gets its draft marks from the full build only; a Jekyll site's pages take defaults
    // and Jekyll's variables when read: the full build only.
    if (!site || site.model.kind === "jekyll" || !built?.data || built.data.layout !== "tutorial" || !built.published) return undefined;
    const { model, engine, templateErrors } = site;
    const page = pageFromText(model.root, model.dirs.input, absolutePath, readFileSync(absolutePath, "utf8"));
    const data = page.data;
    if (!data || SITE_SHAPING_KEYS.some((key) => JSON.stringify(data[key]) !== JSON.stringify(built.data![key]))) return undefined;

    const outputUrl = outputPathFor(built.url, model.settings.baseurl);
    const eleventyData = {
      layout: data.layout,
      permalink: outputUrl,
      [PAGE_DATA_KEY]: data,
      page: { inputPath: absolutePath, url: outputUrl, outputPath: path.join(model.dirs.output, outputUrl) },
    };
    // The tutorial's body goes to its layout unrendered (src/render/model-templates.ts); each
    // layout names the next in its own front matter.
    const layouts = new Map<string, SourceLayout>(model.layouts.map((layout) => [layout.name, layout]));
    let content: unknown = page.body;
    const errorsBefore = templateErrors.records.length;
    for (let layout = layouts.get(String(data.layout)); layout; layout = layouts.get(String(layout.data?.layout))) {
      content = await engine.render(engine.parse(layout.body, layout.absolutePath), { ...eleventyData, content });
    }
    // A mistake in the edit: nothing is shown; the full build reports it, located.
    if (templateErrors.records.length > errorsBefore) {
      templateErrors.records.splice(errorsBefore);
      return undefined;
    }
    return { file: outputUrl.replace(/^\/+/, ""), html: String(content) };
  }
}
