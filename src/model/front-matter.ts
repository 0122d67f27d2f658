import type { FrontMatterFile, SourceFile } from "./site-model.ts";
import type { YamlReading } from "./yaml.ts";
import { readYamlSource } from "./yaml-positions.ts";

/**
 * Front matter: the YAML between a file's first two `---` lines (as Jekyll and gray-matter read
 * it), parsed once with the build's YAML reader; the rest of the file is the body.
 */

/**
 * Splits front matter off: the YAML and the body are slices of the text (they share its
 * memory), found by walking its lines rather than splitting the whole file. Undefined when the
 * text has no front matter (or never closes it).
 */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyStartLine: number } | undefined {
  const isDelimiter = (start: number, end: number) => text.startsWith("---", start) && text.slice(start, end).replace(/\s+$/, "") === "---";
  const lineEnd = (start: number) => {
    const newline = text.indexOf("\n", start);
    return newline < 0 ? text.length : newline;
  };
  const firstEnd = lineEnd(0);
  if (!isDelimiter(0, firstEnd) || firstEnd === text.length) return undefined;
  const yamlStart = firstEnd + 1;
  for (let start = yamlStart, line = 2; start <= text.length; line++) {
    const end = lineEnd(start);
    if (isDelimiter(start, end)) {
      return { yaml: start === yamlStart ? "\n" : text.slice(yamlStart, start), body: text.slice(end + 1), bodyStartLine: line + 1 };
    }
    if (end === text.length) return undefined;
    start = end + 1;
  }
  return undefined;
}

/** A mapping is front matter; anything else (a list, a number, nothing at all) reads as none. */
function asFrontMatter(data: unknown): Record<string, unknown> {
  return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** A file's front matter and body (the front matter parsed once; its positions only on demand). */
export function withFrontMatter<F extends SourceFile>(file: F, reading: YamlReading = {}): F & FrontMatterFile {
  const split = splitFrontMatter(file.text);
  if (!split) return { ...file, body: file.text, bodyStartLine: 1 };
  const frontMatter = readYamlSource(file.file, split.yaml, 1, reading);
  const data = frontMatter.readable ? asFrontMatter(frontMatter.data) : undefined;
  return { ...file, frontMatter, data, body: split.body, bodyStartLine: split.bodyStartLine };
}
