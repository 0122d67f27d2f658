/**
 * The `kramdown:` options of a Jekyll `_config.yml` that change what a page renders to, as the
 * markdown stage takes them (src/markdown/index.ts, MarkdownOptions): a missing or malformed
 * option keeps Jekyll's default. Options that change nothing here (`input: GFM`, the highlighter,
 * warnings) are accepted as they are; any other is `ignored`, for the checks to report.
 */

export interface KramdownSettings {
  /** `parse_block_html`: the content of every HTML block is markdown, as if it said `markdown="1"`. */
  parseBlockHtml: boolean;
  /** `auto_ids`: headers get ids made from their text. */
  autoIds: boolean;
  /** `auto_id_prefix`: put before each made id. */
  autoIdPrefix: string;
  /** `smart_quotes`: the four quote characters' names or code points. */
  smartQuotes: string;
  /** `toc_levels`: the header levels a `{:toc}` lists. */
  tocLevels: number[];
  /** `hard_wrap`: a line break in a paragraph is a `<br>`. */
  hardWrap: boolean;
}

export const JEKYLL_KRAMDOWN: KramdownSettings = {
  parseBlockHtml: false,
  autoIds: true,
  autoIdPrefix: "",
  smartQuotes: "lsquo,rsquo,ldquo,rdquo",
  tocLevels: [1, 2, 3, 4, 5, 6],
  hardWrap: false,
};

/** Options whose value Jekyll's own defaults match here (or whose output is the documented highlighting difference). */
const WITHOUT_EFFECT: Record<string, (value: unknown) => boolean> = {
  input: (value) => value === "GFM",
  syntax_highlighter: (value) => value === "rouge" || value === null,
  syntax_highlighter_opts: () => true,
  guess_lang: () => true,
  show_warnings: () => true,
  entity_output: (value) => value === "as_char",
  footnote_nr: (value) => value === 1,
  math_engine: () => true,
  parse_span_html: (value) => value === true,
};

export interface ReadKramdownSettings {
  settings: KramdownSettings;
  /** The options (keys of `kramdown:`) that are not applied. */
  ignored: string[];
}

export function kramdownSettingsOf(value: unknown): ReadKramdownSettings {
  const options = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const settings = { ...JEKYLL_KRAMDOWN };
  const ignored: string[] = [];
  for (const [key, option] of Object.entries(options)) {
    const applied = apply(settings, key, option);
    if (!applied && !WITHOUT_EFFECT[key]?.(option)) ignored.push(key);
  }
  return { settings, ignored };
}

function apply(settings: KramdownSettings, key: string, value: unknown): boolean {
  if (key === "parse_block_html" && typeof value === "boolean") settings.parseBlockHtml = value;
  else if (key === "auto_ids" && typeof value === "boolean") settings.autoIds = value;
  else if (key === "auto_id_prefix" && typeof value === "string") settings.autoIdPrefix = value;
  else if (key === "hard_wrap" && typeof value === "boolean") settings.hardWrap = value;
  else if (key === "smart_quotes" && quotesOf(value) !== undefined) settings.smartQuotes = quotesOf(value)!;
  else if (key === "toc_levels" && levelsOf(value) !== undefined) settings.tocLevels = levelsOf(value)!;
  else return false;
  return true;
}

/** Four quote names or code points, as text (`lsquo,rsquo,ldquo,rdquo`) or a list. */
function quotesOf(value: unknown): string | undefined {
  const parts = typeof value === "string" ? value.split(",").map((part) => part.trim()) : Array.isArray(value) ? value.map(String) : undefined;
  return parts?.length === 4 ? parts.join(",") : undefined;
}

/** Header levels: `1..3` (Ruby's range, as kramdown reads the text), `2,3`, or a list. */
function levelsOf(value: unknown): number[] | undefined {
  let levels: number[];
  const range = typeof value === "string" ? /^\s*([1-6])\s*\.\.\s*([1-6])\s*$/.exec(value) : null;
  if (range) levels = Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i);
  else if (typeof value === "string") levels = value.split(",").map((part) => Number(part.trim()));
  else if (Array.isArray(value)) levels = value.map(Number);
  else if (typeof value === "number") levels = [value];
  else return undefined;
  return levels.length > 0 && levels.every((level) => Number.isInteger(level) && level >= 1 && level <= 6) ? levels : undefined;
}
