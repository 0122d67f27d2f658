import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar, type YAMLError } from "yaml";
import type { Location } from "./finding.ts";

/**
 * YAML text (a data file, or a page's front matter) parsed with the position of every node, so
 * that a finding about a key or a value, or about a Liquid expression inside a string value,
 * points at the line of the author's file.
 *
 * The parse with positions is only needed where a finding is located, and a page's node tree
 * weighs far more than its text; so a page keeps only the parser's verdict (`errors`) and parses
 * again, once, when a check asks for `doc` (`keepDocument: false`).
 */
export class YamlSource {
  /** The parser's syntax errors; empty when the text parses. */
  readonly errors: readonly YAMLError[];
  private parsed: { doc: Document; lineCounter: LineCounter } | undefined;

  constructor(
    /** The file, relative to the site root. */
    readonly file: string,
    readonly text: string,
    /** Lines of the file before the YAML text (1 for front matter: the opening `---`). */
    readonly lineOffset: number,
    keepDocument: boolean,
    /** The parser has read this text already, elsewhere, without errors (see yaml-verdicts.ts). */
    accepted = false,
  ) {
    if (accepted && !keepDocument) {
      this.errors = [];
      return;
    }
    const parsed = parse(text);
    this.errors = parsed.doc.errors;
    // A document with errors is about to be reported: keep it.
    if (keepDocument || this.errors.length > 0) this.parsed = parsed;
  }

  get doc(): Document {
    return (this.parsed ??= parse(this.text)).doc;
  }

  get lineCounter(): LineCounter {
    return (this.parsed ??= parse(this.text)).lineCounter;
  }
}

/** Whether the checks' YAML parser reads `text` without errors (what YamlSource would find). */
export function yamlAccepts(text: string): boolean {
  return parse(text).doc.errors.length === 0;
}

function parse(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { doc, lineCounter };
}

export type YamlPath = ReadonlyArray<string | number>;

/**
 * `keepDocument: false` drops the node tree until a finding needs it (see YamlSource);
 * `accepted: true` says the text is known to parse (and so, with `keepDocument: false`, is not parsed now).
 */
export function parseYamlSource(file: string, text: string, lineOffset = 0, { keepDocument = true, accepted = false } = {}): YamlSource {
  return new YamlSource(file, text, lineOffset, keepDocument, accepted);
}

/** The file location of an offset in the YAML text. */
export function locationAt(source: YamlSource, offset: number): Location {
  const { line, col } = source.lineCounter.linePos(Math.max(0, Math.min(offset, source.text.length)));
  return { file: source.file, line: line + source.lineOffset, column: col };
}

interface NodeAtPath {
  /** The key of the last path segment, when it is a map key that exists. */
  key?: Node;
  /** The value at the path, when it exists. */
  value?: Node;
  /** The deepest node that exists on the way (the whole path's parent when its end is missing). */
  nearest: Node | undefined;
}

export function nodeAtPath(source: YamlSource, path: YamlPath): NodeAtPath {
  let current = source.doc.contents as Node | null | undefined;
  let key: Node | undefined;
  let nearest: Node | undefined = current ?? undefined;
  for (const segment of path) {
    key = undefined;
    let next: Node | undefined;
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair) {
        key = pair.key as Node;
        next = (pair.value as Node | null) ?? undefined;
        if (!next) return { key, value: undefined, nearest: key };
      }
    } else if (isSeq(current) && typeof segment === "number") {
      next = (current.items[segment] as Node | null) ?? undefined;
    }
    if (!next) return { nearest };
    current = next;
    nearest = next;
  }
  return { key, value: current ?? undefined, nearest };
}

/** Where a finding about the value at `path` goes: its key, else the value, else the nearest parent. */
export function locationOfPath(source: YamlSource, path: YamlPath): Location {
  const { key, value, nearest } = nodeAtPath(source, path);
  const node = key ?? value ?? nearest;
  return locationAt(source, node?.range?.[0] ?? 0);
}

/**
 * The file location of a character of a string value: `offset` counts in the parsed string.
 * A literal block scalar (`|`) keeps its lines, so the mapping is exact: the string's first line
 * is the line after the `|`, each indented by the block's indentation. Other styles fold or
 * unescape their text, so the piece of text (`needle`) is looked up in the scalar's source
 * instead, falling back to where the scalar starts.
 */
export function locationInScalar(source: YamlSource, scalar: Scalar, offset: number, needle?: string): Location {
  const [start, valueEnd] = scalar.range ?? [0, 0];
  const value = String(scalar.value ?? "");
  if (scalar.type === "BLOCK_LITERAL") {
    const before = value.slice(0, offset);
    const lineInValue = before.split("\n").length - 1;
    const columnInLine = offset - (before.lastIndexOf("\n") + 1);
    const header = source.lineCounter.linePos(start);
    const contentLines = source.text.slice(start, valueEnd).split("\n").slice(1);
    const indent = /^ */.exec(contentLines.find((line) => line.trim() !== "") ?? "")![0].length;
    return { file: source.file, line: header.line + 1 + lineInValue + source.lineOffset, column: indent + columnInLine + 1 };
  }
  const raw = source.text.slice(start, valueEnd);
  if (needle) {
    // The nth occurrence in the source is the nth in the value, when the text was not folded apart.
    const nth = countOccurrences(value.slice(0, offset), needle);
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = raw.indexOf(needle, at + 1);
      if (at < 0) break;
    }
    if (at >= 0) return locationAt(source, start + at);
  }
  return locationAt(source, start);
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Every string scalar in the document, with its path (for finding which field a string came from). */
export function stringScalars(source: YamlSource): Array<{ path: YamlPath; scalar: Scalar }> {
  const found: Array<{ path: YamlPath; scalar: Scalar }> = [];
  const visit = (node: unknown, path: YamlPath) => {
    if (isScalar(node)) {
      if (typeof node.value === "string") found.push({ path, scalar: node });
    } else if (isMap(node)) {
      for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
  };
  visit(source.doc.contents, []);
  return found;
}
