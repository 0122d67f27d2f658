import type { SiteModel, SourceFile, SourcePage } from "../model/site-model.ts";
import { escapeRegExp } from "../support/escape-regexp.ts";
import type { Location } from "./finding.ts";

/**
 * Output findings (a broken link, leftover syntax) are about built HTML; the author needs the
 * line they wrote. The first of `needles` found in the page's own file wins, then in the includes
 * and data files (a link from the link map, text from an include); else the page's first line.
 */

export interface LocateOptions {
  /** Match needles in any case (HTML's tag and attribute names). */
  ignoreCase?: boolean;
  /**
   * Which occurrence of the needle (0 for the first): the page's own, then those in includes and
   * data files, the last one standing for any beyond. The third `<script>` of a page is most
   * likely the third its author wrote.
   */
  nth?: number;
}

export interface Located {
  at: Location;
  inPage: boolean;
  /** The needle found; undefined when none was (and `at` is the page's first line). */
  needle?: Needle;
}

/** Text to find, or a pattern (see htmlSpellings). */
export type Needle = string | RegExp;

export function locateText(source: SiteModel, page: SourcePage | undefined, needles: Needle[], options: LocateOptions = {}): Located {
  const wanted = needles.filter((needle) => typeof needle !== "string" || needle.length >= 2);
  const nth = options.nth ?? 0;
  const others = [...source.includes, ...source.dataFiles];
  if (page) {
    for (const needle of wanted) {
      const inPage = occurrences(page, needle, options.ignoreCase, nth + 1);
      if (inPage.length === 0) continue;
      if (inPage.length > nth) return { at: inPage[nth]!, inPage: true, needle };
      const elsewhere = others.flatMap((file) => occurrences(file, needle, options.ignoreCase, nth + 1));
      const all = [...inPage, ...elsewhere];
      const at = all[Math.min(nth, all.length - 1)]!;
      return { at, inPage: at.file === page.file, needle };
    }
  }
  for (const needle of wanted) {
    const all = others.flatMap((file) => occurrences(file, needle, options.ignoreCase, nth + 1));
    if (all.length > 0) return { at: all[Math.min(nth, all.length - 1)]!, inPage: false, needle };
  }
  return { at: { file: page?.file ?? "(unknown page)", line: 1, column: 1 }, inPage: true };
}

/** Up to `limit` places of `needle` in a file, in order. */
function occurrences(file: SourceFile, needle: Needle, ignoreCase: boolean | undefined, limit: number): Location[] {
  const found: Location[] = [];
  if (typeof needle === "string" && !ignoreCase) {
    for (let index = file.text.indexOf(needle); index >= 0 && found.length < limit; index = file.text.indexOf(needle, index + needle.length)) {
      found.push(locationOf(file, index));
    }
    return found;
  }
  const pattern = typeof needle === "string" ? new RegExp(escapeRegExp(needle), "gi") : new RegExp(needle.source, `g${ignoreCase ? "i" : ""}`);
  for (let match = pattern.exec(file.text); match && found.length < limit; match = pattern.exec(file.text)) {
    if (match[0] === "") pattern.lastIndex++;
    found.push(locationOf(file, match.index));
  }
  return found;
}

/** Named character references authors use to hide a character (`&colon;` in `javascript&colon;`). */
const NAMED: Record<string, string[]> = {
  "\t": ["&Tab;"],
  "\n": ["&NewLine;"],
  ":": ["&colon;"],
  "(": ["&lpar;"],
  ")": ["&rpar;"],
  "&": ["&amp;"],
  "/": ["&sol;"],
  ".": ["&period;"],
  '"': ["&quot;"],
  "'": ["&apos;"],
  "<": ["&lt;"],
  ">": ["&gt;"],
};

/**
 * A pattern for every way HTML may spell `value` in an attribute: each character as itself, as
 * a numeric character reference (`&#106;`, `&#x6A;`, leading zeros, `;` optional) or a common
 * named one. A parsed attribute's value, found again as its author wrote it.
 */
export function htmlSpellings(value: string): RegExp {
  const characters = [...value.slice(0, 200)].map((char) => {
    const code = char.codePointAt(0)!;
    const spellings = [escapeRegExp(char), `&#0*${code};?`, `&#[xX]0*${code.toString(16)};?`, ...(NAMED[char] ?? []).map(escapeRegExp)];
    return `(?:${spellings.join("|")})`;
  });
  return new RegExp(characters.join(""), "i");
}

/** The line and column of a character of a file's text. */
export function locationOf(file: SourceFile, index: number): Location {
  const before = file.text.slice(0, index);
  return { file: file.file, line: before.split("\n").length, column: index - (before.lastIndexOf("\n") + 1) + 1 };
}
