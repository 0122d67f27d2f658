import type { JekyllDocument } from "../model/collections.ts";
import { MARKDOWN_EXTENSIONS } from "../model/permalinks.ts";
import type { SourcePage } from "../model/site-model.ts";

/**
 * What Jekyll 4.3 adds to a collection's documents (posts too) for templates, beyond their front
 * matter: `next` and `previous` (the neighbours in the collection's order, nil at its ends),
 * `excerpt` (the body up to `excerpt_separator`, rendered as the document is), `content` (its
 * body, rendered or as written, depending on who reads it: document-renders.ts), and the site's
 * lists of posts: `site.posts` (newest first), `site.categories` and `site.tags` (name -> posts,
 * newest first, names in the order the posts have them, oldest post first), and
 * `site.related_posts` (without LSI: the ten most recent posts besides the one rendered).
 */

type Data = Record<string, unknown>;

/** Renders an excerpt's text as its document is rendered (Liquid, then markdown for a markdown file). */
export type ExcerptRenderer = (source: string, document: Data, markdown: boolean) => string;

/** A document's `content` as the render in progress reads it (document-renders.ts). */
export interface ContentReader {
  contentOf(document: Data, body: string, markdown: boolean): string;
}

const LIQUID_BLOCK = /{%-?\s*(\w+)[\s\S]*?-?%}/g;
const BLOCK_TAGS = new Set(["if", "unless", "for", "case", "capture", "comment", "raw", "tablerow", "highlight"]);
const LINK_REFERENCE = /^ {0,3}(\[[^\]]+\])(:.+)$/gm;

/**
 * Excerpt#extract_excerpt: the text before the separator; a Liquid block it cuts open is closed,
 * and the link reference definitions after it that it uses come along.
 */
export function excerptSource(body: string, separator: string): string {
  const at = body.indexOf(separator);
  const head = at < 0 ? body : body.slice(0, at);
  const tail = at < 0 ? "" : body.slice(at + separator.length);
  if (tail === "") return head;
  let excerpt = head;
  if (head.includes("{%")) {
    const names = [...head.matchAll(LIQUID_BLOCK)].map((match) => match[1]!).reverse();
    for (const name of names) {
      if (BLOCK_TAGS.has(name) && !new RegExp(`{%-?\\s*end${name}`).test(excerpt)) excerpt += `\n{% end${name} %}`;
    }
  }
  const definitions = [...tail.matchAll(LINK_REFERENCE)].filter((match) => head.includes(match[1]!)).map((match) => `${match[1]}${match[2]}`);
  return definitions.length === 0 ? excerpt : `${excerpt}\n\n${definitions.join("\n")}`;
}

/** Document#excerpt_separator: the document's own, else the site's, `\n\n` by default; an empty one makes no excerpt. */
function separatorOf(document: Data, site: Data): string {
  const own = document.excerpt_separator ?? site.excerpt_separator;
  return own === undefined || own === null ? "\n\n" : String(own);
}

const hidden = (target: object, key: string, get: () => unknown) => Object.defineProperty(target, key, { get, enumerable: false, configurable: true });

/**
 * Gives each listed document `next`, `previous` and (unless its front matter has one) `excerpt`,
 * as properties that are not enumerated (as Jekyll's `jsonify` and `inspect` leave them out).
 */
export function addDocumentLinks(
  collections: Record<string, JekyllDocument[]>,
  pagesByPath: ReadonlyMap<string, SourcePage>,
  site: Data,
  renderExcerpt: ExcerptRenderer | undefined,
  contents?: ContentReader,
): void {
  for (const documents of Object.values(collections)) {
    documents.forEach((document, index) => {
      hidden(document, "next", () => documents[index + 1] ?? null);
      hidden(document, "previous", () => documents[index - 1] ?? null);
      const page = pagesByPath.get(String(document.path));
      if (page === undefined) return;
      const extension = page.file.slice(page.file.lastIndexOf("."));
      const markdown = MARKDOWN_EXTENSIONS.has(extension);
      if (contents) hidden(document, "content", () => contents.contentOf(document, page.body, markdown));
      if (document.excerpt !== undefined || renderExcerpt === undefined) return;
      const separator = separatorOf(document, site);
      if (separator === "") return;
      let excerpt: string | undefined;
      hidden(document, "excerpt", () => (excerpt ??= renderExcerpt(excerptSource(page.body, separator), document, markdown)));
    });
  }
}

/** A document's `page`, with its neighbours and its excerpt (rendered only when a template reads it). */
export function withDocumentLinks(page: Data, document: JekyllDocument | undefined): Data {
  hidden(page, "next", () => document?.next ?? null);
  hidden(page, "previous", () => document?.previous ?? null);
  if (document !== undefined && !Object.hasOwn(page, "excerpt") && Object.hasOwn(document, "excerpt")) hidden(page, "excerpt", () => document.excerpt);
  return page;
}

/** Site#post_attr_hash: each category (or tag) with its posts, newest first. */
export function postsBy(postsOldestFirst: readonly JekyllDocument[], key: "categories" | "tags"): Record<string, JekyllDocument[]> {
  const grouped = new Map<string, JekyllDocument[]>();
  for (const post of postsOldestFirst) {
    const names = Array.isArray(post[key]) ? (post[key] as unknown[]) : [];
    for (const name of names) {
      const list = grouped.get(String(name)) ?? [];
      list.push(post);
      grouped.set(String(name), list);
    }
  }
  return Object.fromEntries([...grouped].map(([name, posts]) => [name, [...posts].reverse()]));
}

/** How many of the newest posts RelatedPosts#most_recent_posts looks at. */
export const NEWEST_POSTS_CONSIDERED = 11;

/** RelatedPosts#most_recent_posts: of the eleven newest posts, the first ten that are not this one; none when there is one post. */
export function relatedPosts(postsNewestFirst: readonly JekyllDocument[], path: unknown): JekyllDocument[] {
  if (postsNewestFirst.length <= 1) return [];
  return postsNewestFirst
    .slice(0, NEWEST_POSTS_CONSIDERED)
    .filter((post) => post.path !== path)
    .slice(0, 10);
}
