import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { oversizeMessage, SOURCE_FILE_LIMIT_BYTES } from "../model/limits.ts";
import type { SiteModel, SourcePage } from "../model/site-model.ts";
import { relativeUrl } from "../model/urls.ts";
import { escapeRegExp } from "../support/escape-regexp.ts";
import { RenderLimitError } from "./render-budget.ts";

/**
 * What Jekyll's `include_relative`, `link` and `post_url` tags look up, from the site model:
 * files beside a page, and the URL of a page named by its path. Given to the engine's tags as the
 * engine is built (the engine is their `liquid`).
 */

export interface HasSiteFiles {
  readonly siteFiles: SiteFiles;
}

export class SiteFiles {
  private readonly pagesByPath = new Map<string, SourcePage>();
  /** Each Jekyll page's and document's file by its `page.path` (a document's is below collections_dir). */
  private readonly filesByJekyllPath = new Map<string, string>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly model: SiteModel) {
    for (const page of model.pages) {
      this.pagesByPath.set(path.resolve(page.absolutePath), page);
      if (typeof page.jekyll?.path === "string") this.filesByJekyllPath.set(page.jekyll.path, path.resolve(page.absolutePath));
    }
  }

  /**
   * The text of a file for `include_relative` (the page's own folder, or below it): a page's text
   * as the model read it, else the file, read once. Nothing outside the site's folder.
   */
  textOf(absolutePath: string): string {
    const resolved = path.resolve(absolutePath);
    const page = this.pagesByPath.get(resolved);
    if (page) return page.text;
    let text = this.texts.get(resolved);
    if (text === undefined) {
      const real = realOrMissing(resolved);
      const root = realpathSync(this.model.root);
      if (real === undefined) throw new Error(`include_relative: there is no file ${this.relative(resolved)}`);
      if (real !== root && !real.startsWith(root + path.sep)) throw new Error(`include_relative: ${this.relative(resolved)} is outside the site's folder`);
      const size = statSync(real).size;
      if (size > SOURCE_FILE_LIMIT_BYTES) throw new RenderLimitError(oversizeMessage("include", size, `include_relative "${this.relative(resolved)}"`));
      text = readFileSync(real, "utf8");
      this.texts.set(resolved, text);
    }
    return text;
  }

  /**
   * The file of the page being rendered, from its `page`: Eleventy's `inputPath` (this
   * repository's layout), else the page Jekyll's `page.path` names.
   */
  sourceFileOf(page: { inputPath?: unknown; path?: unknown } | undefined): string | undefined {
    if (typeof page?.inputPath === "string") return path.resolve(page.inputPath);
    return typeof page?.path === "string" ? this.filesByJekyllPath.get(page.path) : undefined;
  }

  /** `{% link path %}`: the URL (with the base URL) of the page or asset at `path`, from the site's root. */
  linkTo(relativePath: string): string {
    const wanted = relativePath.replace(/^\/+/, "");
    const page = this.pagesByPath.get(path.resolve(this.model.root, wanted));
    if (page) return relativeUrl(page.url, this.model.settings.baseurl);
    const asset = this.model.assets.find((file) => !file.theme && file.file === wanted);
    if (asset !== undefined) return relativeUrl(`/${asset.output}`, this.model.settings.baseurl);
    throw new Error(`link: there is no page or file "${relativePath}" (a path from the site's root folder, like content/guide.md)`);
  }

  /** `{% post_url [dir/]YYYY-MM-DD-slug %}`: matched as Jekyll matches it, against posts in `_posts/` folders. */
  postUrl(name: string): string {
    const match = /^(.+\/)*(\d+-\d+-\d+)-(.*)$/.exec(name.replace(/^\//, ""));
    if (!match) throw new Error(`post_url: "${name}" is not a post's name (YYYY-MM-DD-title, after its folder if it has one)`);
    const [, folder = "", date, slug] = match;
    const basename = `${date}-${escapeRegExp(slug!)}\\.[^.]+`;
    const pattern = new RegExp(`^_posts/${escapeRegExp(folder)}${basename}$|^${escapeRegExp(folder)}_posts/?${basename}$`);
    const post = this.model.pages.find((page) => pattern.test(page.file));
    if (!post) throw new Error(`post_url: there is no post "${name}" (a file ${folder}_posts/${date}-${slug}.md)`);
    return relativeUrl(post.url, this.model.settings.baseurl);
  }

  private relative(absolutePath: string): string {
    return path.relative(this.model.root, absolutePath).split(path.sep).join("/");
  }
}

function realOrMissing(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}
