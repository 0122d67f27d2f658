import MarkdownIt from "markdown-it";
import markdownItAbbr from "markdown-it-abbr";
import markdownItAnchor from "markdown-it-anchor";
import markdownItDeflist from "markdown-it-deflist";
import { JEKYLL_KRAMDOWN, type KramdownSettings } from "../model/kramdown-settings.ts";
import { codeHighlighting } from "./code-highlight.ts";
import { kramdownFootnotes } from "./footnotes.ts";
import { kramdownHtmlBlocks } from "./html-blocks.ts";
import { kramdownAttributes } from "./kramdown-attributes.ts";
import { kramdownEmphasis } from "./kramdown-emphasis.ts";
import { kramdownExtensions } from "./kramdown-extensions.ts";
import { kramdownLinkUrls } from "./kramdown-link-urls.ts";
import { kramdownListMarkers } from "./kramdown-list-markers.ts";
import { kramdownMath } from "./kramdown-math.ts";
import { kramdownTables } from "./kramdown-tables.ts";
import { kramdownTaskLists } from "./kramdown-task-lists.ts";
import { kramdownToc } from "./kramdown-toc.ts";
import { kramdownListCodeFences } from "./list-code-fences.ts";
import { kramdownListLooseness } from "./list-looseness.ts";
import { safeNewTabLinks } from "./safe-new-tab-links.ts";
import { headingSlug } from "./slug.ts";
import { kramdownSpanHtml } from "./span-html.ts";
import { tableAlignmentClasses } from "./table-alignment.ts";
import { kramdownTypography } from "./typography.ts";

/** kramdown's options as a Jekyll site's `kramdown:` gives them (src/model/kramdown-settings.ts), and one of this project's. */
export interface MarkdownOptions extends KramdownSettings {
  /**
   * Block-level HTML tags inside a paragraph's text (`Text <div>x</div>`): shown as text, as
   * kramdown shows them (a Jekyll site), or kept as HTML for the checks to judge (this
   * repository's own site, whose checks refuse what would break its layout).
   */
  blockTagsInText: "text" | "html";
  /**
   * Code and aligned table cells: with the markup kramdown and Rouge write (a Jekyll site, whose
   * style sheets target `.highlighter-rouge`, Rouge's token classes and `style="text-align"`),
   * or with this repository's theme's (`hljs-` tokens, `align-` classes: code-highlight.ts,
   * table-alignment.ts).
   */
  markup: "kramdown" | "theme";
}

/** Jekyll's kramdown defaults, and this repository's own site's handling of HTML in text. */
export const defaultMarkdownOptions: MarkdownOptions = { ...JEKYLL_KRAMDOWN, blockTagsInText: "html", markup: "theme" };

/** The one markdown-it instance of a build: Eleventy's `md` library and `markdownify` share it. */
export function createMarkdown(overrides: Partial<MarkdownOptions> = {}): MarkdownIt {
  const options = { ...defaultMarkdownOptions, ...overrides };
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, breaks: options.hardWrap }).use(kramdownHtmlBlocks, {
    parseBlockHtml: options.parseBlockHtml,
  });
  if (options.blockTagsInText === "text") md.use(kramdownSpanHtml);
  if (options.markup === "kramdown") md.use(kramdownLinkUrls);
  return (
    md
      // First: it replaces the code renderers that list-looseness.ts wraps.
      .use(codeHighlighting, { markup: options.markup === "kramdown" ? "rouge" : "theme" })
      .use(kramdownExtensions)
      .use(kramdownAttributes)
      .use(kramdownListMarkers)
      .use(kramdownListLooseness)
      .use(kramdownListCodeFences)
      .use(kramdownTables)
      .use(kramdownTaskLists)
      .use(kramdownMath)
      .use(kramdownEmphasis)
      .use(kramdownFootnotes)
      .use(markdownItDeflist)
      .use(markdownItAbbr)
      .use(kramdownTypography, { smartQuotes: options.smartQuotes })
      // Without auto_ids no level is given ids (7 is none); ids written as {#id} stay.
      .use(markdownItAnchor, {
        level: options.autoIds ? 1 : 7,
        slugify: (text: string) => options.autoIdPrefix + headingSlug(text),
        tabIndex: false,
        failOnNonUnique: false,
      })
      .use(kramdownToc, { levels: options.tocLevels })
      .use(safeNewTabLinks)
      .use(tableAlignmentClasses, { inlineStyles: options.markup === "kramdown" })
  );
}
