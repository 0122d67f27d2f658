import type { FilterImplOptions, Liquid } from "liquidjs";
import type { ExcerptRenderer } from "./documents-scope.ts";
import type { JekyllScope } from "./scope.ts";

/**
 * What of a document renders outside its own page's render, for the lists other pages read:
 * its excerpt (Jekyll's Excerpt, through the same Renderer as the document) and its `content`.
 */

/** The engine, as far as these renders use it. */
interface DocumentEngine extends Pick<Liquid, "parseAndRenderSync"> {
  readonly scope: JekyllScope;
}

/**
 * How a document's excerpt renders (Jekyll's Excerpt through the Renderer): its Liquid with the
 * site and the document as `page`, then markdown for a markdown file. An error in it is the
 * body's too, and reported where the body renders; the excerpt then keeps its text as written.
 */
export function excerptRenderer(engine: DocumentEngine, markdownify: FilterImplOptions | undefined): ExcerptRenderer {
  const toHtml = typeof markdownify === "function" ? markdownify : markdownify?.handler;
  return (source, page, markdown) => {
    let text = source;
    if (/{{|{%/.test(source)) {
      try {
        // Undefined names render as nothing here, unreported: the body reports them where it renders.
        text = String(engine.parseAndRenderSync(source, { site: engine.scope.siteVariables, page }, { strictVariables: false }));
      } catch {
        text = source;
      }
    }
    return markdown && toHtml ? String((toHtml as (input: unknown) => unknown)(text)) : text;
  };
}

/**
 * A document's `content` as another template reads it (`{% for post in site.posts %}{{
 * post.content }}`), as Jekyll 4.3 has it: Jekyll renders the documents first, collection by
 * collection (posts first), each in its collection's order, then the pages; a document's
 * `content` is its rendered body (Liquid, then markdown; no layout) once it has been rendered,
 * and its text as written before that. So a page reads every document's rendered body; a
 * document reads those rendered before it, and itself and the later ones as written. Pages
 * (`site.pages`, rendered in that order) are the same among themselves. Here the
 * body is rendered when it is first read, as it would have been rendered in its turn (what it
 * reads follows the same rule from its place), and kept: each render reads only documents
 * before it, so there is no recursion past the number of documents.
 */
/** Where the pages' places start: after every document's. */
export const PAGES_FIRST_PLACE = 2 ** 40;

export class DocumentContents {
  /** Each document's place in Jekyll's order of rendering, by path. */
  private readonly places = new Map<string, number>();
  private readonly rendered = new Map<string, string>();
  /** The place of the document being rendered; a page's is after every document's. */
  private reader = Number.POSITIVE_INFINITY;

  constructor(private readonly render: ExcerptRenderer) {}

  /** The documents (or, from `first` on, the pages) in the order Jekyll renders them. */
  setOrder(documents: ReadonlyArray<Record<string, unknown>>, first = 0): void {
    documents.forEach((document, place) => this.places.set(String(document.path), first + place));
  }

  /** A render of the page or document at `path` starts (undefined: not a document). */
  readingAs(path: unknown): void {
    this.reader = path === undefined ? Number.POSITIVE_INFINITY : (this.places.get(String(path)) ?? Number.POSITIVE_INFINITY);
  }

  /** `document.content` for the render in progress; `body` is its text after the front matter. */
  contentOf(document: Record<string, unknown>, body: string, markdown: boolean): string {
    const path = String(document.path);
    const place = this.places.get(path);
    if (place === undefined || place >= this.reader) return body;
    let content = this.rendered.get(path);
    if (content === undefined) {
      const reader = this.reader;
      this.reader = place;
      try {
        content = this.render(body, document, markdown);
      } finally {
        this.reader = reader;
      }
      this.rendered.set(path, content);
    }
    return content;
  }
}
