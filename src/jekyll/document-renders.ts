import type { FilterImplOptions, Liquid } from "liquidjs";
import type { ExcerptRenderer } from "./documents-scope.ts";
import type { JekyllScope } from "./scope.ts";

/**
 * What of a document renders outside its own page's render, for the lists other pages read:
 * its excerpt (Jekyll's Excerpt, through the same Renderer as the document).
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
