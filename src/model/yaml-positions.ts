import { createRequire } from "node:module";
import type { Document, LineCounter, Node, Scalar } from "yaml";
import type { Location } from "../checks/finding.ts";
import { readYaml, YamlLimitError, type YamlReading, type YamlVerdict, yamlErrorReason } from "./yaml.ts";
import type { YamlNote } from "./yaml-psych.ts";

/**
 * YAML text (a data file, or a page's front matter) with the position of every node, so that a
 * finding about a key or a value, or about a Liquid expression inside a string value, points at
 * the line of the author's file.
 *
 * The build reads YAML once, with its own reader (js-yaml, yaml.ts); this is the second parser
 * (`yaml`, which keeps positions), used only when a finding must be located: a node tree weighs
 * far more than its text, and parsing it costs more than reading the data. So the text is parsed
 * with positions the first time a check asks for `doc`, or for `errors` of text the build's
 * reader refused (to report its syntax errors in the positional parser's words, at their places).
 *
 * The positional parser is never given text that nests deeper than it can take (see
 * mayNestTooDeep): past a few hundred levels it slows down sharply, then overflows its stack or
 * runs out of memory. Text the build's reader refuses for a limit has that refusal as its one
 * problem, at its place, and is not parsed with positions at all.
 */

// Loaded on the first finding to locate: a build without one never needs it.
let library: typeof import("yaml") | undefined;
const yaml = () => (library ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

/** Whether a node of `doc` is a scalar (a string, number, boolean or null, with its position). */
export const isScalar = (node: unknown): node is Scalar => yaml().isScalar(node);

export interface YamlProblem {
  /** Offsets in the YAML text. */
  pos: readonly [number, number];
  message: string;
  /** A limit of the build's YAML reader, not a syntax error: the message says it all. */
  limit?: boolean;
}

export class YamlSource {
  private parsed: { doc: Document; lineCounter: LineCounter } | undefined;
  private problems: readonly YamlProblem[] | undefined;

  /** Whether the text has been parsed for positions (only a finding that needs one does it). */
  get hasPositions(): boolean {
    return this.parsed !== undefined;
  }

  constructor(
    /** The file, relative to the site root. */
    readonly file: string,
    readonly text: string,
    /** Lines of the file before the YAML text (1 for front matter: the opening `---`). */
    readonly lineOffset: number,
    /** The build's reader's (js-yaml's) verdict on the text. */
    private readonly verdict: YamlVerdict,
  ) {}

  /** The text's data, as the build's reader read it; undefined when it refused the text. */
  get data(): unknown {
    return this.verdict.ok ? this.verdict.data : undefined;
  }

  /** What the build's reader read but Jekyll would accept without a word (duplicate keys, a second document). */
  get notes(): readonly YamlNote[] {
    return this.verdict.ok ? this.verdict.notes : [];
  }

  /** Whether the build's reader read the text. */
  get readable(): boolean {
    return this.verdict.ok;
  }

  /** Why the build's YAML reader (js-yaml) refuses the text, when it does. */
  get buildError(): unknown {
    return this.verdict.ok ? undefined : this.verdict.error;
  }

  /** Where in the text the build's reader refused it, when it says. */
  get buildErrorPosition(): number | undefined {
    return this.verdict.ok ? undefined : this.verdict.position;
  }

  /**
   * What is wrong with the text: nothing when the build's reader read it; else its limit, or the
   * positional parser's syntax errors (empty when that parser finds none: then only the build's
   * reader's own reason is known, see buildError).
   */
  get errors(): readonly YamlProblem[] {
    return (this.problems ??= this.findProblems());
  }

  private findProblems(): readonly YamlProblem[] {
    if (this.verdict.ok) return [];
    const { error, position } = this.verdict;
    if (error instanceof YamlLimitError) {
      this.parsed = unparsed(this.text);
      return [{ pos: atOffset(position ?? 0), message: error.message, limit: true }];
    }
    // The build's reader refused the text (so it may nest deeper than it reads): if it might
    // nest too deep for the positional parser, its own verdict is the one reported.
    if (mayNestTooDeep(this.text)) {
      this.parsed = unparsed(this.text);
      return [{ pos: atOffset(position ?? 0), message: yamlErrorReason(error) }];
    }
    return this.positions().doc.errors.map((problem) => ({ pos: problem.pos, message: problem.message }));
  }

  private positions(): { doc: Document; lineCounter: LineCounter } {
    return (this.parsed ??= parse(this.text));
  }

  get doc(): Document {
    return this.positions().doc;
  }

  get lineCounter(): LineCounter {
    return this.positions().lineCounter;
  }
}

const atOffset = (offset: number): [number, number] => [offset, offset + 1];

/** No node tree (an empty document), only the lines: for text the positional parser must not read. */
function unparsed(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new (yaml().LineCounter)();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lineCounter.addNewLine(at + 1);
  return { doc: new (yaml().Document)(null), lineCounter };
}

/**
 * The depth the positional parser is given at most. Measured: 500 levels of flow lists, flow
 * mappings, block lists or block mappings parse in under 0.2 s; 10,000 levels of `[` overflow its
 * stack, 500,000 exhaust its memory.
 */
const POSITIONAL_PARSER_DEPTH_LIMIT = 500;

/**
 * Whether `text` may nest deeper than the positional parser takes, without parsing it: an upper
 * bound of its depth, counting every `[` and `{` as opening a level (even inside strings) and
 * adding the deepest run of indentation and `-`/`?` indicators at the start of a line (block
 * nesting needs one of those per level).
 */
function mayNestTooDeep(text: string): boolean {
  let brackets = 0;
  let deepestLine = 0;
  let lineDepth = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[" || c === "{") brackets++;
    if (c === "\n") {
      atLineStart = true;
      lineDepth = 0;
    } else if (atLineStart && (c === " " || c === "\t" || c === "-" || c === "?")) {
      deepestLine = Math.max(deepestLine, ++lineDepth);
    } else {
      atLineStart = false;
    }
  }
  return brackets + deepestLine + 1 > POSITIONAL_PARSER_DEPTH_LIMIT;
}

function parse(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { doc, lineCounter };
}

export type YamlPath = ReadonlyArray<string | number>;

/** `text` read with the build's reader (one parse), its positions at hand for the checks. */
export function readYamlSource(file: string, text: string, lineOffset = 0, reading: YamlReading = {}): YamlSource {
  return new YamlSource(file, text, lineOffset, readYaml(text, reading));
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
    if (yaml().isMap(current)) {
      // The last of duplicate keys: the one whose value the data holds.
      const pair = [...current.items].reverse().find((item) => yaml().isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair) {
        key = pair.key as Node;
        next = (pair.value as Node | null) ?? undefined;
        if (!next) return { key, value: undefined, nearest: key };
      }
    } else if (yaml().isSeq(current) && typeof segment === "number") {
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
    } else if (yaml().isMap(node)) {
      for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (yaml().isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
  };
  visit(source.doc.contents, []);
  return found;
}
