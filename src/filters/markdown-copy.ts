import { hasMarkdownCopy, markdownCopyPathFor } from "../model/machine-files.ts";
import { COPY_PART_KINDS, type CopyPart, type MarkdownCopies } from "../render/markdown-copies.ts";
import type { FilterThis } from "./rendering.ts";

/**
 * Filters for the pages' Markdown copies (src/render/markdown-copies.ts):
 * - `{{ text | markdown_copy: kind[, level, label] }}` hands a field, as Liquid left it, to the
 *   page's copy and outputs it unchanged, so it sits in the layout's chain of filters
 *   (`{{ step.content | flatify | markdown_copy: "text" | markdownify }}`);
 * - `{{ page | markdown_copy_url }}`: the copy's URL below the base URL, "" for a page without one.
 */

type Kind = CopyPart["kind"];

function inputPathOf(filter: FilterThis): string | undefined {
  const inputPath = (filter.context.getAll() as { page?: { inputPath?: unknown } }).page?.inputPath;
  return typeof inputPath === "string" && inputPath !== "" ? inputPath : undefined;
}

export function markdownCopyFilters(baseurl: string, copies: MarkdownCopies | undefined) {
  return {
    markdown_copy(this: FilterThis, input: unknown, kind: unknown, level?: unknown, label?: unknown): unknown {
      if (!COPY_PART_KINDS.includes(kind as Kind)) {
        throw new Error(`markdown_copy: the kind of part must be one of ${COPY_PART_KINDS.join(", ")}, not ${JSON.stringify(kind)}`);
      }
      const inputPath = inputPathOf(this);
      if (!copies || !inputPath) return input;
      const text = input == null ? "" : String(input);
      const part: CopyPart =
        kind === "heading"
          ? { kind, text, level: Number(level) || 2, label: typeof label === "string" ? label : "" }
          : { kind: kind as Exclude<Kind, "heading">, text };
      copies.record(inputPath, part);
      return input;
    },
    markdown_copy_url(page: unknown): string {
      const data = (page ?? {}) as Record<string, unknown>;
      return typeof data.url === "string" && hasMarkdownCopy(data, data.url) ? markdownCopyPathFor(data.url, baseurl) : "";
    },
  };
}
