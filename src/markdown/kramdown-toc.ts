import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { escapeHtml } from "../support/html.ts";

/**
 * kramdown's table of contents: a list of one item followed by `{:toc}` (`* TOC\n{:toc}`, the
 * usual way to write it) becomes a nested list of links to every header of the document, in
 * order, as kramdown builds it: `<ul id="markdown-toc">` (or the list's own id), each entry
 * `<a href="#id" id="markdown-toc-id">` with the header's text (links unwrapped, footnote marks
 * left out), a deeper header nested under the last shallower one; an ordered list gives
 * ordered lists.
 * Headers with the class `no_toc`, and of levels `toc_levels` leaves out, are left out. Runs
 * after the header ids are made.
 */

const TOC_MARKER = /^\{:\s*toc\s*\}$/;

export interface TocOptions {
  /** kramdown's `toc_levels`: the header levels listed. */
  levels: number[];
}

export const defaultTocOptions: TocOptions = { levels: [1, 2, 3, 4, 5, 6] };

interface Entry {
  level: number;
  html: string;
  children: Entry[];
}

/** The list opened at `open` when it is one item of one paragraph whose last line is `{:toc}`: the index of its closing token. */
function tocListEnd(tokens: Token[], open: number): number | undefined {
  const list = tokens[open]!;
  if (list.type !== "bullet_list_open" && list.type !== "ordered_list_open") return undefined;
  const [item, paragraph, inline, paragraphClose, itemClose, listClose] = tokens.slice(open + 1, open + 7);
  if (item?.type !== "list_item_open" || paragraph?.type !== "paragraph_open" || inline?.type !== "inline") return undefined;
  if (paragraphClose?.type !== "paragraph_close" || itemClose?.type !== "list_item_close" || listClose?.nesting !== -1) return undefined;
  const lines = inline.content.split("\n");
  return lines.length >= 2 && TOC_MARKER.test(lines.at(-1)!.trim()) ? open + 6 : undefined;
}

/** The header's inline content as a TOC entry shows it: links unwrapped, footnote marks left out. */
function entryHtml(md: MarkdownIt, state: StateCore, children: Token[]): string {
  const kept = children.filter((child) => child.type !== "link_open" && child.type !== "link_close" && child.type !== "footnote_ref");
  return md.renderer.renderInline(kept, md.options, state.env);
}

function entriesOf(md: MarkdownIt, state: StateCore, listId: string, levels: ReadonlySet<number>): Entry[] {
  const roots: Entry[] = [];
  const stack: Entry[] = [];
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const heading = tokens[i]!;
    if (heading.type !== "heading_open") continue;
    const level = Number(heading.tag.slice(1));
    if (!levels.has(level) || heading.attrGet("class")?.split(/\s+/).includes("no_toc")) continue;
    const id = heading.attrGet("id") ?? "";
    const text = entryHtml(md, state, tokens[i + 1]?.children ?? []);
    const entry: Entry = {
      level,
      html: `<a href="#${escapeHtml(id)}" id="${escapeHtml(`${listId}-${id}`)}">${text}</a>`,
      children: [],
    };
    while (stack.length > 0 && stack.at(-1)!.level >= entry.level) stack.pop();
    (stack.length > 0 ? stack.at(-1)!.children : roots).push(entry);
    stack.push(entry);
  }
  return roots;
}

function listHtml(entries: Entry[], tag: string, attributes: string): string {
  const items = entries.map((entry) => `<li>${entry.html}${entry.children.length > 0 ? `\n${listHtml(entry.children, tag, "")}` : ""}</li>\n`);
  return `<${tag}${attributes}>\n${items.join("")}</${tag}>\n`;
}

export function kramdownToc(md: MarkdownIt, options: Partial<TocOptions> = {}): void {
  const levels = new Set(options.levels ?? defaultTocOptions.levels);
  md.core.ruler.after("anchor", "kramdown_toc", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const end = tocListEnd(tokens, i);
      if (end === undefined) continue;
      const list = tokens[i]!;
      const id = list.attrGet("id") ?? "markdown-toc";
      const classes = list.attrGet("class");
      const attributes = ` id="${escapeHtml(id)}"${classes ? ` class="${escapeHtml(classes)}"` : ""}`;
      const toc = new state.Token("html_block", "", 0);
      toc.content = listHtml(entriesOf(md, state, id, levels), list.tag, attributes);
      toc.map = list.map;
      toc.level = list.level;
      tokens.splice(i, end - i + 1, toc);
    }
  });
}
