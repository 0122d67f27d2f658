import type MarkdownIt from "markdown-it";
import type { GitHistory } from "../frame/git-history.ts";
import type { SiteSettings } from "../model/settings.ts";
import type { MarkdownCopies } from "../render/markdown-copies.ts";
import { connectionFilters } from "./connections.ts";
import { diagramFilters } from "./diagram.ts";
import { firewallFilters } from "./firewall.ts";
import { pageFrameFilters } from "./frame.ts";
import { htmlFilters } from "./html.ts";
import { ipFilters } from "./ip-addresses.ts";
import { jekyllCollectionFilters } from "./jekyll-collections.ts";
import { jekyllSortFilters } from "./jekyll-sort.ts";
import { jekyllTextFilters } from "./jekyll-text.ts";
import { markdownCopyFilters } from "./markdown-copy.ts";
import { flatify, markdownFilters } from "./rendering.ts";
import { rubyDateFilters } from "./ruby-dates.ts";
import { rubyJsonFilters } from "./ruby-json.ts";
import { rubyListFilters } from "./ruby-lists.ts";
import { rubyNumberFilters } from "./ruby-numbers.ts";
import { tutorialFilters } from "./tutorial.ts";
import { urlFilters } from "./urls.ts";

/**
 * Every Liquid filter this site adds to standard Liquid, by purpose, one module each (as
 * LiquidJS keeps its own): Jekyll's where LiquidJS's differ (Ruby's arithmetic, Jekyll's
 * collection, sort and text filters, Ruby's list filters), rendering (markdownify, flatify), URLs (Jekyll's relative_url and
 * absolute_url), Stitch's IP addresses, firewall rules and the tunnel diagram, connection guides, HTML structure,
 * the tutorial format, the page frame (navigation, edit links, dates), the pages' Markdown
 * copies. The engine registers
 * exactly these (src/jekyll/engine.ts).
 */

export interface FilterContext {
  /** The site's root folder: edit links name files relative to it. */
  root: string;
  settings: SiteSettings;
  /** The build's markdown-it, which markdownify shares with Eleventy's markdown pages. */
  markdown: MarkdownIt;
  history: GitHistory;
  /** What the pages' Markdown copies are collected in (none: the `markdown_copy` filter only passes its input on). */
  copies?: MarkdownCopies;
  /** A Jekyll site's: its URL filters give Jekyll's URLs, percent-encoded as Jekyll's are (urls.ts). */
  jekyll?: boolean;
}

export function siteFilters({ root, settings, markdown, history, copies, jekyll = false }: FilterContext) {
  return {
    ...rubyNumberFilters,
    ...rubyDateFilters,
    ...rubyJsonFilters,
    ...rubyListFilters,
    ...jekyllCollectionFilters,
    ...jekyllSortFilters,
    ...jekyllTextFilters,
    flatify,
    ...markdownFilters(markdown),
    ...urlFilters(settings.baseurl, settings.url, { encodePaths: jekyll }),
    ...ipFilters,
    ...firewallFilters,
    ...diagramFilters,
    ...connectionFilters,
    ...htmlFilters,
    ...tutorialFilters,
    ...pageFrameFilters({ root, baseurl: settings.baseurl, history }),
    ...markdownCopyFilters(settings.baseurl, copies),
  };
}
