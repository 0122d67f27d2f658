import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { LAYOUT_DATA_KEY, PAGE_DATA_KEY, PAGE_VARS_KEY } from "../jekyll/scope.ts";
import { MARKDOWN_EXTENSIONS, SASS_EXTENSIONS } from "../model/permalinks.ts";
import { relativeToRoot, type SiteModel, type SourcePage } from "../model/site-model.ts";
import { outputFileFor } from "../model/urls.ts";

/**
 * The site model's pages and layouts as Eleventy's virtual templates: Eleventy reads no file of
 * the author's (the model read each once) and parses no front matter (the model parsed each
 * once). A page's template is its body, at the path of its file, with the data Eleventy acts on:
 * its layout, its output path (`/common/x` is written to `<baseurl>/common/x.html`), and its
 * front matter under PAGE_DATA_KEY (see src/jekyll/scope.ts).
 *
 * A tutorial's body belongs to the same Liquid scope as its fields (TUTORIAL-FORMAT.md: "shared
 * by all of its fields and its body, in order"), so the tutorial layout renders it after the
 * fields, and Eleventy hands it over unrendered.
 */

export interface ModelTemplatesOptions {
  model: SiteModel;
  /** The pages to build: the source checks leave out those that can't be. */
  pages: readonly SourcePage[];
}

/** Never at the start of a body: Eleventy would otherwise read a body that opens with `---` as front matter. */
const NO_FRONT_MATTER = "\u0000\u0000no-front-matter\u0000\u0000";

/**
 * The site's folders as Eleventy's (set in the configuration itself: Eleventy refuses them from
 * a plugin). Its own data files (and their scripts) are never read: templates get `site.data`
 * from the model.
 */
export function modelDirectories(eleventyConfig: EleventyConfig, model: SiteModel): void {
  const { root, includes, layouts } = model.dirs;
  eleventyConfig.setInputDirectory(root);
  eleventyConfig.setIncludesDirectory(relativeToRoot(root, includes));
  eleventyConfig.setLayoutsDirectory(relativeToRoot(root, layouts));
  eleventyConfig.setDataDirectory(".no-eleventy-data");
}

const OTHER_MARKDOWN_EXTENSIONS = [...MARKDOWN_EXTENSIONS].map((extension) => extension.slice(1)).filter((extension) => extension !== "md");

/** The extensions Eleventy knows as markdown or HTML pages. */
const MARKUP_EXTENSIONS: ReadonlySet<string> = new Set(["md", "html", "htm", "liquid", ...OTHER_MARKDOWN_EXTENSIONS]);

/**
 * The other extensions of the pages (a Jekyll site's `search.json`, `feed.xml`, `style.scss`):
 * each is a Liquid template to Eleventy (no markdown), as Jekyll renders such a page. Lower-cased,
 * as Eleventy looks extensions up.
 */
function liquidOnlyExtensions(pages: readonly SourcePage[]): string[] {
  const found = new Set<string>();
  for (const page of pages) {
    const extension = path.extname(page.file).slice(1).toLowerCase();
    if (extension !== "" && !MARKUP_EXTENSIONS.has(extension)) found.add(extension);
  }
  return [...found].sort();
}

export function modelTemplates(eleventyConfig: EleventyConfig, { model, pages }: ModelTemplatesOptions): void {
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setUseGitIgnore(false);
  // Jekyll's markdown_ext (`.markdown`, `.mkd`, ...) and `.htm` are markdown and HTML pages too.
  eleventyConfig.addExtension(OTHER_MARKDOWN_EXTENSIONS, { key: "md" });
  eleventyConfig.addExtension("htm", { key: "html" });
  eleventyConfig.setTemplateFormats(["md", "html", "liquid"]);
  // Added, not set: setTemplateFormats in a plugin left the project on Eleventy 3.1's defaults
  // (its warning: "not valid for your project"), addTemplateFormats takes effect.
  eleventyConfig.addTemplateFormats([...OTHER_MARKDOWN_EXTENSIONS, "htm"]);
  const liquidOnly = liquidOnlyExtensions(pages);
  if (liquidOnly.length > 0) {
    eleventyConfig.addExtension(liquidOnly, { key: "liquid" });
    eleventyConfig.addTemplateFormats(liquidOnly);
  }
  // No file of the site's is a template of Eleventy's (its ignores are globs from the working folder).
  const fromWorkingFolder = path.relative(process.cwd(), model.dirs.root).split(path.sep).join("/");
  eleventyConfig.ignores.add(fromWorkingFolder === "" ? "**" : `${fromWorkingFolder}/**`);
  eleventyConfig.setFrontMatterParsingOptions({ delimiters: NO_FRONT_MATTER });

  // Every layout at its name in the layouts folder: a theme's layout is one of the site's to Eleventy.
  const layoutsFolder = relativeToRoot(model.dirs.root, model.dirs.layouts);
  for (const layout of model.layouts) {
    if (layout.oversize !== undefined) continue;
    const parent = layoutOf(layout.data);
    const data = { ...(parent ? { layout: parent } : {}), [LAYOUT_DATA_KEY]: layout.data ?? {} };
    eleventyConfig.addTemplate(`${layoutsFolder}/${layout.name}${path.extname(layout.file) || ".html"}`, layout.body, data);
  }
  const themeTutorial = model.layouts.some((layout) => layout.name === "tutorial" && layout.theme);
  for (const page of pages) {
    const data = page.data!;
    // Jekyll places no Sass file in a layout (Page#place_in_layout?: an asset file), whatever its defaults say.
    const layout = SASS_EXTENSIONS.has(path.extname(page.file).toLowerCase()) ? undefined : layoutOf(data);
    eleventyConfig.addTemplate(page.file, page.body, {
      layout,
      // The file is the URL decoded (`/c%23%20tips/x.html` is written to `c# tips/x.html`), as Jekyll writes it.
      permalink: outputFileFor(page.url, model.settings.baseurl),
      [PAGE_DATA_KEY]: data,
      ...(page.jekyll ? { [PAGE_VARS_KEY]: { ...page.jekyll, url: page.url } } : {}),
      ...(themeTutorial && layout === "tutorial" ? { templateEngineOverride: "html" } : {}),
    });
  }
}

/** The layout front matter names; `layout: none` and `layout: null` mean none, as in Jekyll. */
export function layoutOf(data: Record<string, unknown> | undefined): string | undefined {
  const layout = data?.layout;
  return typeof layout === "string" && layout !== "none" && layout !== "" ? layout : undefined;
}
