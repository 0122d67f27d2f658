import { statSync } from "node:fs";
import path from "node:path";
import { isPublished } from "./drafts.ts";
import { siteFilesBelowSync } from "./files.ts";
import { pathParts, postUrl, titleizeSlug } from "./permalinks.ts";
import { localTime, parsePostDate } from "./post-dates.ts";
import { relativeToRoot, type SourcePage } from "./site-model.ts";
import type { SiteReader } from "./site-reader.ts";

/**
 * A Jekyll site's posts, as Jekyll 4.3's PostReader reads them: the files of every `_posts/`
 * folder (the site's own and any `<dir>/_posts/`, whose `<dir>` segments become categories)
 * named `YYYY-MM-DD-title.ext`, as the `posts` collection; the rest of a `_posts/` folder is not
 * read. A post's front matter gets what Jekyll adds: `date` (its own `date:` wins over the file
 * name's), `categories` and `tags` (from `category`/`categories`/`tags`, a string or a list),
 * `title`, `slug`, `ext`, `draft`. A post dated after the build started is left out unless the
 * site says `future: true`. `_drafts/` posts are drafts (`published: false` is a draft too):
 * built only with `--drafts`, as this generator's drafts are, dated by their file's time.
 */

type Data = Record<string, unknown>;

/** Document::DATE_FILENAME_MATCHER, on the path below the posts folder. */
const POST_NAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
/** Document::DATELESS_FILENAME_MATCHER: a draft needs only an extension. */
const DRAFT_NAME = /^(?:.+\/)*(.*)(\.[^.]+)$/;

export interface PostFolder {
  /** The `_posts` or `_drafts` folder, absolute. */
  absolutePath: string;
  kind: "_posts" | "_drafts";
}

export interface PostsContext {
  root: string;
  reader: SiteReader;
  /** Front matter defaults by path and type (`posts`). */
  defaults: (relative: string, type: string, frontMatter: Data) => Data;
  /** The posts' permalink pattern (postTemplate). */
  template: string;
  /** `future: true`: posts dated after `now` are built too. */
  future: boolean;
  /** When the build started (Jekyll's site.time), in milliseconds. */
  now: number;
  /** The site's `timezone:` (an IANA name), which its dates are in; else the build's own zone. */
  timeZone?: string;
  /** A file or folder the site leaves out (exclude, names starting with `_`, `.`, `#`, ending in `~`). */
  excluded: (relative: string) => boolean;
}

/** A file of a posts folder that is not built, and why (reported, as Jekyll's log says it or should). */
export interface SkippedPost {
  file: string;
  severity: "warning" | "error";
  message: string;
}

export interface Posts {
  pages: SourcePage[];
  skipped: SkippedPost[];
  refused: ReturnType<typeof siteFilesBelowSync>["refused"];
}

/** Utils.pluralized_array_from_hash: the singular key as it is, else the plural one (a string split at spaces). */
function pluralized(data: Data, singular: string, plural: string): unknown[] {
  const value = singular in data ? data[singular] : typeof data[plural] === "string" ? String(data[plural]).split(/\s+/).filter(Boolean) : data[plural];
  return [value].flat(Number.POSITIVE_INFINITY).filter((item) => item != null);
}

/**
 * Document#categories_from_path, merge_categories! and populate_categories: the folders above
 * `_posts`, then the front matter's `categories`, then `category`, each once, as text.
 */
export function categoriesOf(folderCategories: readonly string[], data: Data): string[] {
  const own = typeof data.categories === "string" ? data.categories.split(/\s+/).filter(Boolean) : [data.categories ?? []].flat();
  const all = [...folderCategories, ...own, ...pluralized(data, "category", "categories")].flat(Number.POSITIVE_INFINITY).filter((item) => item != null);
  return [...new Set(all.map(String))];
}

export const tagsOf = (data: Data): unknown[] => pluralized(data, "tag", "tags");

export function readPosts(folders: readonly PostFolder[], context: PostsContext): Posts {
  const pages: SourcePage[] = [];
  const skipped: SkippedPost[] = [];
  const refused: Posts["refused"] = [];
  for (const folder of folders) {
    const relativeFolder = relativeToRoot(context.root, folder.absolutePath);
    const folderCategories = path.posix.dirname(relativeFolder) === "." ? [] : path.posix.dirname(relativeFolder).split("/");
    const skip = (absolutePath: string) => context.excluded(relativeToRoot(context.root, absolutePath));
    const found = siteFilesBelowSync(folder.absolutePath, context.root, skip);
    refused.push(...found.refused);
    for (const absolutePath of found.files) {
      const inFolder = relativeToRoot(folder.absolutePath, absolutePath);
      const file = relativeToRoot(context.root, absolutePath);
      const named = (folder.kind === "_posts" ? POST_NAME : DRAFT_NAME).exec(inFolder);
      if (!named) {
        const message = "this file in _posts/ is not a post: its name has no date (YYYY-MM-DD-title.md), so it is not built (Jekyll skips it too)";
        skipped.push({ file, severity: "warning", message });
        continue;
      }
      const post = readPost(absolutePath, { ...folder, file, folderCategories, named }, context);
      if ("message" in post) skipped.push(post);
      else if (post.page) pages.push(post.page);
    }
  }
  return { pages, skipped, refused };
}

interface PostFile extends PostFolder {
  file: string;
  folderCategories: string[];
  named: RegExpExecArray;
}

function readPost(absolutePath: string, post: PostFile, context: PostsContext): { page?: SourcePage } | SkippedPost {
  const read = context.reader.withFrontMatter(context.reader.read(absolutePath));
  const { file, kind, named } = post;
  // A post needs no front matter; one that doesn't parse is reported by the checks, and not built.
  const own = read.frontMatter ? read.data : {};
  if (own === undefined) return { page: { ...read, stem: "", url: "", published: true, collection: "posts" } };
  const data = context.defaults(file, "posts", own);
  const nameDate = kind === "_posts" ? named[1] : /^(\d{2,4}-\d{1,2}-\d{1,2})-/.exec(path.posix.basename(file))?.[1];
  const slugFromName = (kind === "_posts" ? named[2]! : named[1]!.replace(/^\d{2,4}-\d{1,2}-\d{1,2}-/, "")).replace(/\.+$/, "");
  const written = data.date ?? nameDate;
  const date = written === undefined ? localTime(statSync(absolutePath).mtimeMs, context.timeZone) : parsePostDate(written, context.timeZone);
  if (date === undefined) {
    return {
      file,
      severity: "error",
      message: `"date: ${String(written)}" is not a date (write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +HHMM); Jekyll stops here`,
    };
  }
  if (!context.future && date.getTime() > context.now) {
    return {
      file,
      severity: "warning",
      message: "this post is dated in the future, so it is not built (as in Jekyll; `future: true` in _config.yml builds it)",
    };
  }
  const categories = categoriesOf(post.folderCategories, data);
  const full: Data = {
    ...data,
    title: data.title ?? titleizeSlug(slugFromName),
    slug: data.slug ?? slugFromName,
    ext: data.ext ?? pathParts(file).extension,
    date,
    categories,
    tags: tagsOf(data),
    draft: kind === "_drafts",
  };
  const url = postUrl({ file, folder: kind, slug: full.slug, categories, date }, data.permalink, context.template);
  // File.dirname, which ignores a trailing `/` (`/a/b/` is in `/a`).
  const trimmed = url.replace(/\/+$/, "");
  const dir = trimmed.slice(0, trimmed.lastIndexOf("/"));
  const id = `${dir}/${String(full.slug ?? pathParts(file).basename)}`;
  const extension = pathParts(file).extension;
  const page: SourcePage = {
    ...read,
    data: full,
    stem: `/${file.slice(0, file.length - extension.length)}`,
    url,
    published: kind === "_posts" && isPublished(full),
    collection: "posts",
    output: true,
    jekyll: { path: file, relative_path: file, name: file.split("/").at(-1), id, collection: "posts", output: true },
  };
  return { page };
}
