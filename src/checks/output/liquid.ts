import path from "node:path";
import type { Scalar } from "yaml";
import { LIQUID_MEMORY_LIMIT, RENDER_LIMITS, RenderLimitError } from "../../jekyll/render-budget.ts";
import { originalPlace } from "../../jekyll/ruby-markup.ts";
import { baseMessage, type TemplateErrorRecord } from "../../jekyll/template-errors.ts";
import { SOURCE_FILE_LIMIT_BYTES } from "../../model/limits.ts";
import { relativeToRoot, type SiteModel, type SourceFile, type SourceLayout, type SourcePage } from "../../model/site-model.ts";
import { locationInScalar, stringScalars } from "../../model/yaml-positions.ts";
import { escapeRegExp } from "../../support/escape-regexp.ts";
import { didYouMean } from "../../support/nearest.ts";
import { type Finding, finding, type Location } from "../finding.ts";

/**
 * Liquid errors (undefined variables and data keys, unknown filters, missing includes, syntax
 * errors), located in the author's file: a front-matter string maps back through its YAML node,
 * a page body through the front matter's length, an include or layout to its own line.
 */

interface LiquidToken {
  input?: string;
  begin?: number;
  end?: number;
  file?: string;
}

interface Located {
  at: Location;
  /** The page whose include this error happened in, when it is not in the page itself. */
  includedBy?: string;
}

/** `_includes/shared/x.html` is included as `shared/x.html`. */
const includeName = (include: SourceFile) => include.file.replace(/^[^/]*\//, "");

const includeCallPattern = (name: string) => new RegExp(`\\{%-?\\s*include(?:_cached)?\\s+${escapeRegExp(name)}`);

function tokenOf(error: unknown): LiquidToken | undefined {
  return (error as { token?: LiquidToken } | undefined)?.token;
}

function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** Where a Liquid template text came from, for one page. */
class SourceLocator {
  private readonly includesByText = new Map<string, SourceFile>();
  /** A Jekyll site's `_layouts/` (this project's own layouts are among its includes). */
  private readonly layoutsByBody = new Map<string, SourceLayout>();
  private readonly pagesByPath = new Map<string, SourcePage>();
  private readonly scalarsByPage = new Map<SourcePage, Scalar[]>();

  constructor(private readonly source: SiteModel) {
    for (const include of source.includes) if (include.oversize === undefined) this.includesByText.set(include.text, include);
    for (const layout of source.layouts) {
      if (layout.oversize !== undefined || this.includesByText.has(layout.text)) continue;
      this.layoutsByBody.set(layout.body, layout);
      this.layoutsByBody.set(layout.body.replace(/^\r?\n/, ""), layout);
    }
    for (const page of source.pages) this.pagesByPath.set(path.resolve(page.absolutePath), page);
  }

  page(absolutePath: string | undefined): SourcePage | undefined {
    return absolutePath === undefined ? undefined : this.pagesByPath.get(path.resolve(absolutePath));
  }

  /** The page's front-matter strings (read once per page). */
  private scalars(page: SourcePage): Scalar[] {
    let scalars = this.scalarsByPage.get(page);
    if (!scalars) {
      scalars = page.frontMatter ? stringScalars(page.frontMatter).map(({ scalar }) => scalar) : [];
      this.scalarsByPage.set(page, scalars);
    }
    return scalars;
  }

  private scalarFor(page: SourcePage, text: string): Scalar | undefined {
    return this.scalars(page).find((scalar) => scalar.value === text);
  }

  /** A page's template text at an offset: one of its front-matter strings, or its body. */
  inPage(page: SourcePage, text: string, offset: number, needle?: string): Location | undefined {
    const scalar = this.scalarFor(page, text);
    if (scalar && page.frontMatter) return locationInScalar(page.frontMatter, scalar, offset, needle);
    if (text === page.body || text === page.body.replace(/^\r?\n/, "")) {
      const { line, column } = positionIn(text, offset);
      return { file: page.file, line: page.bodyStartLine + line - 1, column };
    }
    return undefined;
  }

  locate(record: TemplateErrorRecord): Located {
    const page = this.page(record.page);
    const token = tokenOf(record.error);
    // The text as the author wrote it (the engine may have written dots into `a[b]c`).
    const written = token?.input === undefined ? undefined : originalPlace(token.input, token.begin ?? 0);
    const input = written?.input;
    const offset = written?.offset ?? 0;
    const end = token?.input === undefined ? 0 : originalPlace(token.input, token.end ?? 0).offset;
    const needle = input?.slice(offset, end) || undefined;
    // A template that is not a page (a layout Eleventy parses) is named by its own file.
    const file = page?.file ?? (record.page === undefined ? "(unknown page)" : relativeToRoot(this.source.root, record.page));
    const fallback: Location = { file, line: 1, column: 1 };
    if (input === undefined) return { at: fallback };
    if (page) {
      const inPage = this.inPage(page, input, offset, needle);
      if (inPage) return { at: inPage };
    }
    const include = this.includesByText.get(input);
    if (include) {
      const { line, column } = positionIn(input, offset);
      return { at: { file: include.file, line, column }, includedBy: page ? this.includeCall(page, include, record.fieldSource) : undefined };
    }
    const layout = this.layoutsByBody.get(input);
    if (layout) {
      const { line, column } = positionIn(input, offset);
      const skipped = layout.body.length - input.length === 0 ? 0 : 1;
      return { at: { file: layout.file, line: layout.bodyStartLine + skipped + line - 1, column } };
    }
    // A text parsed from a piece of one (where_exp's expression, quoted in the page or an include).
    const quoted = this.quotedIn(page, input, offset);
    if (quoted) return { at: quoted };
    // A string some other page's front matter holds (collections render other pages' data).
    for (const other of this.source.pages) {
      const at = this.inPage(other, input, offset, needle);
      if (at) return { at };
    }
    return { at: fallback };
  }

  /** Where `input` (at `offset`) is written inside the page's body or an include, when it is quoted there. */
  private quotedIn(page: SourcePage | undefined, input: string, offset: number): Location | undefined {
    const quoted = new RegExp(`["']${escapeRegExp(input)}["']`);
    if (page) {
      const match = quoted.exec(page.body);
      if (match) return this.inPage(page, page.body, match.index + 1 + offset);
    }
    for (const [text, include] of this.includesByText) {
      const match = quoted.exec(text);
      if (!match) continue;
      const { line, column } = positionIn(text, match.index + 1 + offset);
      return { file: include.file, line, column };
    }
    return undefined;
  }

  /**
   * `content/x.md:20`: where the page includes the file, or else an include that includes it
   * (nearest first: the page may reach it through others); failing that, just the page.
   */
  private includeCall(page: SourcePage, include: SourceFile, fieldSource: string | undefined): string {
    const texts = [fieldSource, page.body, ...this.pageStrings(page)];
    for (const name of this.includersOf(include)) {
      const pattern = includeCallPattern(name);
      for (const text of texts) {
        if (text === undefined) continue;
        const match = pattern.exec(text);
        if (!match) continue;
        const at = this.inPage(page, text, match.index, match[0]);
        if (at) return `${at.file}:${at.line}`;
      }
    }
    return page.file;
  }

  /** The include's name, then the names of the includes that include it, and so on. */
  private includersOf(include: SourceFile): string[] {
    const names = [includeName(include)];
    for (let i = 0; i < names.length; i++) {
      const pattern = includeCallPattern(names[i]!);
      for (const other of this.source.includes) {
        const name = includeName(other);
        if (!names.includes(name) && pattern.test(other.text)) names.push(name);
      }
    }
    return names;
  }

  private pageStrings(page: SourcePage): string[] {
    return this.scalars(page).map((scalar) => String(scalar.value));
  }
}

/** LiquidJS's own limits (see jekyllLiquidOptions), in the words of the render budget's. */
const LIQUID_LIMIT_MESSAGES: Record<string, string> = {
  "parse length limit exceeded":
    `this template is longer than ${SOURCE_FILE_LIMIT_BYTES.toLocaleString("en-US")} characters, the most a page, an include or a layout may hold, ` +
    "because the build holds and parses every template in memory: split it into several includes",
  "memory alloc limit exceeded":
    `this page's Liquid builds more than ${LIQUID_MEMORY_LIMIT.toLocaleString("en-US")} list items and characters ` +
    "(a range such as (1..100000000), or text and lists grown by filters in a loop): no page needs that many; is a range or a loop far larger than meant?",
  "template render limit exceeded": `rendering this page took longer than ${(2 * RENDER_LIMITS.milliseconds) / 1000} s and was stopped: no page needs that long; is a loop or an include doing far more than meant?`,
};

function isRenderLimit(error: unknown): boolean {
  return error instanceof RenderLimitError || (error as { originalError?: unknown } | undefined)?.originalError instanceof RenderLimitError;
}

function describeError(record: TemplateErrorRecord, page: SourcePage | undefined, filters: string[]): string {
  const message = baseMessage(record.error);
  if (isRenderLimit(record.error)) return message;
  const liquidLimit = LIQUID_LIMIT_MESSAGES[message];
  if (liquidLimit) return liquidLimit;
  const undefinedVariable = /^undefined variable: (.+)$/.exec(message);
  // A warning says what the page shows instead, as Jekyll renders it.
  const shown = record.severity === "warning";
  if (undefinedVariable) {
    return `undefined variable or data key "${undefinedVariable[1]}"${record.hint ? `: ${record.hint}` : ""}${shown ? " (rendered as nothing, as Jekyll does)" : ""}`;
  }
  const lookup = /^ENOENT: Failed to lookup "([^"]+)"/.exec(message);
  if (lookup) {
    const asker = page ? ` (asked for by ${page.file})` : "";
    return `include "${lookup[1]}" does not exist: there is no file _includes/${lookup[1]}${asker}`;
  }
  const filter = /^undefined filter: (.+)$/.exec(message);
  if (filter) return `unknown filter "${filter[1]}"${didYouMean(filter[1]!, filters)}${shown ? " (the value is shown unchanged, as Jekyll does)" : ""}`;
  const pluginTag = /^plugin tag: (.+)$/.exec(message);
  if (pluginTag) {
    return `tag "${pluginTag[1]}" is not Liquid's or Jekyll's: it is taken for one of the site's plugins, which this generator does not run, so it renders nothing`;
  }
  if (/leaves _includes\//.test(message)) return message;
  const name = (record.error as { name?: string } | undefined)?.name;
  if (name === "TokenizationError" || name === "ParseError") return `Liquid syntax error: ${message}`;
  return `Liquid error: ${message}`;
}

export function liquidFindings(records: TemplateErrorRecord[], source: SiteModel, filters: string[]): Finding[] {
  const locator = new SourceLocator(source);
  // An error in an include repeats on every page that uses it: report it once, naming the pages.
  const grouped = new Map<string, { at: Location; message: string; includedBy: string[]; severity: "error" | "warning" }>();
  for (const record of records) {
    const { at, includedBy } = locator.locate(record);
    const message = describeError(record, locator.page(record.page), filters);
    const key = `${at.file}:${at.line}:${at.column}:${message}`;
    const group = grouped.get(key) ?? { at, message, includedBy: [], severity: record.severity ?? "error" };
    if (includedBy && !group.includedBy.includes(includedBy)) group.includedBy.push(includedBy);
    grouped.set(key, group);
  }
  return [...grouped.values()].map(({ at, message, includedBy, severity }) => {
    const users = includedBy.sort();
    const suffix =
      users.length === 0 ? "" : ` (included by ${users[0]}${users.length > 1 ? ` and ${users.length - 1} more page${users.length > 2 ? "s" : ""}` : ""})`;
    return finding("liquid", severity, at, message + suffix);
  });
}
