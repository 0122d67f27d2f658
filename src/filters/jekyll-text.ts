import { Drop, toValue } from "liquidjs";
import MarkdownIt from "markdown-it";
import { RubyFloat, rubyFloatText } from "./ruby-numbers.ts";

/**
 * Jekyll's text filters where LiquidJS's differ or are missing: `normalize_whitespace` (Jekyll
 * also trims), `smartify` (curly quotes, dashes and ellipses), `inspect` (Ruby's `inspect`,
 * HTML-escaped, as Jekyll prints it), `xml_escape` (its entities for quotes).
 */

export function normalize_whitespace(input: unknown): string {
  return (input == null ? "" : String(toValue(input))).replace(/\s+/g, " ").trim();
}

// Only typography: no other markdown, HTML kept as HTML (as kramdown's SmartyPants parser).
const typographer = new MarkdownIt("zero", { typographer: true, html: true }).enable(["replacements", "smartquotes", "entity", "html_inline"]);

export function smartify(input: unknown): string {
  return typographer.renderInline(input == null ? "" : String(toValue(input)));
}

const RUBY_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
  "\f": "\\f",
  "\v": "\\v",
  "\u0007": "\\a",
  "\u001b": "\\e",
};

/** Ruby's `inspect` of a value as Jekyll's data holds it (Ruby 3.1's hash form `{"k"=>"v"}`). */
export function rubyInspect(value: unknown): string {
  if (value instanceof RubyFloat) return rubyFloatText(value.value);
  const plain = value instanceof Drop ? toValue(value) : value;
  if (plain == null) return "nil";
  if (typeof plain === "string") return `"${plain.replace(/["\\\n\t\r\f\v\u0007\u001b]|#(?=[{$@])/g, (c) => RUBY_ESCAPES[c] ?? `\\${c}`)}"`;
  if (typeof plain === "number") return Number.isInteger(plain) ? String(plain) : rubyFloatText(plain);
  if (typeof plain === "boolean") return String(plain);
  if (plain instanceof Date) return plain.toISOString();
  if (Array.isArray(plain)) return `[${plain.map(rubyInspect).join(", ")}]`;
  if (typeof plain === "object")
    return `{${Object.entries(plain)
      .map(([key, item]) => `${rubyInspect(key)}=>${rubyInspect(item)}`)
      .join(", ")}}`;
  return String(plain);
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function inspect(input: unknown): string {
  return rubyInspect(input).replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

/** Ruby's `String#split` with no argument: runs of ASCII whitespace, none at either end. */
const rubyWords = (text: string) => text.split(/[ \t\n\v\f\r]+/).filter((word) => word !== "");

/**
 * Ruby Liquid's `truncatewords`: the first `words` words joined by single spaces, then the
 * ending, when the text has more than that many; otherwise the text as it is. LiquidJS cut text
 * of exactly that many words too, and counted an empty word after trailing whitespace.
 */
export function truncatewords(input: unknown, words: unknown = 15, ending: unknown = "..."): unknown {
  if (input == null) return input;
  const text = String(input);
  const wordlist = rubyWords(text);
  const count = Math.max(1, Math.trunc(Number(words)) || 0);
  return wordlist.length > count ? wordlist.slice(0, count).join(" ") + String(ending ?? "") : text;
}

/** What each of Jekyll's slugify modes turns into a hyphen (Jekyll::Utils::SLUGIFY_*_REGEXP). */
const SLUGIFY_REPLACED: Record<string, RegExp> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
  latin: /[^\p{M}\p{L}\p{Nd}]+/gu,
};

/**
 * Jekyll's `slugify` (Jekyll::Utils.slugify), not Eleventy's: each run of what the mode does not
 * keep becomes one hyphen (`Stitch's IP` is `stitch-s-ip`), one hyphen at either end is dropped,
 * and the result is lower case; `latin` first drops accents (and turns other letters into `?`,
 * as I18n.transliterate does); an unknown mode only lowers the case.
 */
export function slugify(input: unknown, mode: unknown = "default"): unknown {
  if (input == null) return input;
  let text = String(input);
  const name = mode == null ? "default" : String(mode);
  const replaced = SLUGIFY_REPLACED[name];
  if (!replaced) return text.toLowerCase();
  if (name === "latin")
    text = text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[^\x00-\x7f]/g, "?");
  return text.replace(replaced, "-").replace(/^-|-$/g, "").toLowerCase();
}

const XML_ATTRIBUTE_ESCAPES: Record<string, string> = { ...XML_ESCAPES, "'": "&apos;" };

/** Jekyll's `xml_escape` (Ruby's `encode(xml: :attr)`): `&quot;` and `&apos;` where LiquidJS's writes `&#34;` and `&#39;`. */
export function xml_escape(input: unknown): string {
  return (input == null ? "" : String(toValue(input))).replace(/[&<>"']/g, (char) => XML_ATTRIBUTE_ESCAPES[char]!);
}

export const jekyllTextFilters = { normalize_whitespace, smartify, inspect, truncatewords, slugify, xml_escape };
