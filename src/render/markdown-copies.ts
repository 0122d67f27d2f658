import path from "node:path";

/**
 * Each page's Markdown copy (`<permalink>.md`, see src/model/machine-files.ts), made from what the
 * page's own render produced: every front-matter field and the body after Liquid (includes
 * expanded, variables filled in) and before markdown, so the copy says exactly what the page
 * says. Nothing is rendered twice.
 *
 * Two things report to it while a page renders:
 * - the layouts, through the `markdown_copy` filter, which passes its input through unchanged:
 *   `{{ title | markdown_copy: "title" }}` starts the page's copy (`# title`), then each field in
 *   reading order, `{{ step.title | flatify | markdown_copy: "heading", step.level, step.label }}`
 *   (`## Step 1: title`), `... | markdown_copy: "text"`, `"list-item"`, and `"body"`;
 * - Eleventy's markdown engine (src/render/template-engines.ts), with a markdown page's body after
 *   Liquid: the layout's `{{ content | markdown_copy: "body" }}` then stands for that markdown
 *   rather than the HTML it became (an HTML page's body after Liquid is its content as it is).
 *
 * HTML that includes produce (a callout, disclosures) stays HTML in the copy: markdown allows it,
 * and converting it would lose what the markup says. The page is handed over with its copy
 * (src/render/page-output.ts); only the pages the build publishes for machines keep one.
 */

export type CopyPart = { kind: "title" | "text" | "list-item" | "body"; text: string } | { kind: "heading"; text: string; level: number; label: string };

export const COPY_PART_KINDS = ["title", "text", "list-item", "heading", "body"] as const;

interface PageCopy {
  title: string;
  parts: CopyPart[];
}

export class MarkdownCopies {
  private readonly copies = new Map<string, PageCopy>();
  /** Markdown pages' bodies after Liquid, by page: what their layout's "body" part stands for. */
  private readonly sources = new Map<string, string>();

  /** `titles`: the title of each page that gets a copy, by its source file's absolute path. */
  constructor(private readonly titles: ReadonlyMap<string, string>) {}

  /** A part of the page's copy, from the `markdown_copy` filter (a "title" starts the copy afresh). */
  record(inputPath: string, part: CopyPart): void {
    const page = path.resolve(inputPath);
    const title = this.titles.get(page);
    if (title === undefined) return;
    if (part.kind === "title") return void this.copies.set(page, { title: part.text, parts: [] });
    if (part.kind === "body" && this.sources.has(page)) {
      part = { kind: "body", text: this.sources.get(page)! };
      this.sources.delete(page);
    }
    let copy = this.copies.get(page);
    if (!copy) this.copies.set(page, (copy = { title, parts: [] }));
    copy.parts.push(part);
  }

  /** A markdown page's body after Liquid, as Eleventy's markdown engine is given it. */
  recordSource(inputPath: string, markdown: string): void {
    const page = path.resolve(inputPath);
    if (this.titles.has(page)) this.sources.set(page, markdown);
  }

  /** The finished copy of a page that gets one (and forgets it); undefined for any other. */
  take(inputPath: string): string | undefined {
    const page = path.resolve(inputPath);
    const title = this.titles.get(page);
    if (title === undefined) return undefined;
    const copy = this.copies.get(page) ?? { title, parts: [] };
    const source = this.sources.get(page);
    // A layout that records no body: the markdown body still belongs in the copy.
    if (source !== undefined && !copy.parts.some((part) => part.kind === "body")) copy.parts.push({ kind: "body", text: source });
    this.copies.delete(page);
    this.sources.delete(page);
    return markdownDocument(copy);
  }
}

/**
 * A field's text made tidy for readers other than this site's: kramdown's attribute lists
 * (`[text](url){:target="new"}`, `{: .class}` after a block) style the HTML page only and are
 * left out; lines of spaces (a Liquid tag's line leaves one) are emptied and runs of blank lines
 * made one. Code (fenced blocks, code spans) stays as written.
 */
function cleaned(text: string): string {
  let fence: string | undefined;
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    // The expressions only on lines that could match them: a listing's page has thousands of lines.
    const marker = line.includes("`") || line.includes("~") ? /^\s*(`{3,}|~{3,})/.exec(line)?.[1] : undefined;
    if (fence !== undefined) {
      if (marker?.startsWith(fence)) fence = undefined;
      lines.push(line);
      continue;
    }
    if (marker) fence = marker;
    const tidy =
      marker || !(line.includes("`") || line.includes("{:"))
        ? line
        : line.replace(/(`+)[^`]*?\1|\{:[^}\n]*\}/g, (match, codeSpan: string | undefined) => (codeSpan ? match : ""));
    const blank = tidy.trim() === "";
    if (blank && lines.at(-1) === "") continue;
    lines.push(blank ? "" : tidy);
  }
  return lines.join("\n").trim();
}

/**
 * A list item: its lines after the first moved under the marker (dedented first, so that an
 * indented paragraph stays a paragraph of the item rather than becoming code).
 */
function listItem(text: string): string {
  const [first = "", ...rest] = cleaned(text).split("\n");
  const indent = Math.min(...rest.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)![0].length));
  const continued = rest.map((line) => (line.trim() === "" ? "" : `  ${line.slice(Number.isFinite(indent) ? indent : 0)}`));
  return [`- ${first}`, ...continued].join("\n");
}

const oneLine = (text: string) => cleaned(text).replace(/\s+/g, " ").trim();

function block(part: CopyPart): string {
  switch (part.kind) {
    case "heading":
      return `${"#".repeat(Math.min(6, Math.max(1, part.level)))} ${part.label ? `${part.label}: ` : ""}${oneLine(part.text)}`;
    case "list-item":
      return listItem(part.text);
    default:
      return cleaned(part.text);
  }
}

export function markdownDocument(copy: PageCopy): string {
  const blocks = [`# ${oneLine(copy.title)}`, ...copy.parts.map(block)].filter((text) => text !== "");
  return `${blocks.join("\n\n")}\n`;
}
