import MarkdownIt from "markdown-it";
import markdownItAbbr from "markdown-it-abbr";
import markdownItAnchor from "markdown-it-anchor";
import markdownItDeflist from "markdown-it-deflist";
import { codeHighlighting } from "./code-highlight.ts";
import { kramdownFootnotes } from "./footnotes.ts";
import { kramdownHtmlBlocks } from "./html-blocks.ts";
import { kramdownAttributes } from "./kramdown-attributes.ts";
import { kramdownExtensions } from "./kramdown-extensions.ts";
import { kramdownTables } from "./kramdown-tables.ts";
import { kramdownToc } from "./kramdown-toc.ts";
import { kramdownListCodeFences } from "./list-code-fences.ts";
import { kramdownListLooseness } from "./list-looseness.ts";
import { safeNewTabLinks } from "./safe-new-tab-links.ts";
import { headingSlug } from "./slug.ts";
import { kramdownSpanHtml } from "./span-html.ts";
import { tableAlignmentClasses } from "./table-alignment.ts";
import { kramdownTypography } from "./typography.ts";

export interface MarkdownOptions {
  /**
   * Block-level HTML tags inside a paragraph's text (`Text <div>x</div>`): shown as text, as
   * kramdown shows them (a Jekyll site), or kept as HTML for the checks to judge (this
   * repository's own site, whose checks refuse what would break its layout).
   */
  blockTagsInText: "text" | "html";
}

export const defaultMarkdownOptions: MarkdownOptions = { blockTagsInText: "html" };

/** The one markdown-it instance of a build: Eleventy's `md` library and `markdownify` share it. */
export function createMarkdown(options: Partial<MarkdownOptions> = {}): MarkdownIt {
  const { blockTagsInText } = { ...defaultMarkdownOptions, ...options };
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(kramdownHtmlBlocks);
  if (blockTagsInText === "text") md.use(kramdownSpanHtml);
  return md
    .use(kramdownExtensions)
    .use(kramdownAttributes)
    .use(kramdownListLooseness)
    .use(kramdownListCodeFences)
    .use(kramdownTables)
    .use(kramdownFootnotes)
    .use(markdownItDeflist)
    .use(markdownItAbbr)
    .use(kramdownTypography)
    .use(markdownItAnchor, { slugify: headingSlug, tabIndex: false, failOnNonUnique: false })
    .use(kramdownToc)
    .use(safeNewTabLinks)
    .use(tableAlignmentClasses)
    .use(codeHighlighting);
}
