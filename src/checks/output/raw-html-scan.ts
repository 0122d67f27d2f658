import { createRequire } from "node:module";
import type { DefaultTreeAdapterTypes } from "parse5";

/**
 * Raw HTML in a page's content (markdown allows it, and kramdown attribute lists and data values
 * reach attributes too) that a page of the company's site must not carry: what runs script,
 * what sends the reader or the page's links elsewhere, and what loads from another site (which
 * the page's Content-Security-Policy blocks, leaving the author to wonder why). The layout's own
 * `<head>` is not content. The scan runs on the page writer's thread, element by element as
 * summarizePage parses the page; checks/raw-html.ts judges the hits and locates them.
 *
 * The checker must see the elements the browser sees. htmlparser2 differs from the HTML standard
 * where a page's text can hide markup from it: the raw-text elements it does not know (iframe,
 * noscript, noembed, noframes), foreign content (`<svg><style>` is markup there, not CSS), bogus
 * comments, CDATA. A page whose content holds one of those is parsed again with parse5, the
 * standard's parser, and the hits of both parsers count.
 */

export type RawHtmlKind =
  /** A `<script>` element. */
  | "script"
  /** An event-handler attribute (`onclick=`). */
  | "handler"
  /** A `javascript:` (or `vbscript:`) URL in an attribute that navigates, loads or submits. */
  | "script-url"
  /** `<base>`: re-targets every relative link of the page. */
  | "base"
  /** `<meta http-equiv>`: a refresh (redirect) or another browser directive. */
  | "meta"
  /** `<iframe srcdoc>`: a whole document in an attribute. */
  | "srcdoc"
  /** `<object>`, `<embed>`, `<applet>`: plugins, which the policy refuses outright. */
  | "plugin"
  /** An element that loads a URL that may be on another host (judged against the site's host later). */
  | "load"
  /** A form (or a button's `formaction`) that submits to a URL that may be on another host. */
  | "form-target"
  /** A markdown link markdown-it refused (`[x](javascript:...)`): the page shows it as text. */
  | "refused-link"
  /** A `style` attribute or `<style>` element: the policy allows only the site's own style sheets. */
  | "inline-style";

export interface RawHtmlHit {
  kind: RawHtmlKind;
  /** The element, in lower case (empty for a refused markdown link). */
  tag: string;
  /** The attribute concerned, in lower case; empty when it is the element itself. */
  attribute: string;
  /** The attribute's value, or the script's `src`, or the refused link's URL. */
  value: string;
}

/** Attributes whose value a browser follows, loads or submits as a URL. */
const URL_ATTRIBUTES = new Set([
  "href",
  "xlink:href",
  "src",
  "action",
  "formaction",
  "data",
  "poster",
  "background",
  "cite",
  "longdesc",
  "lowsrc",
  "dynsrc",
  "codebase",
  "ping",
  "icon",
  "manifest",
]);
/** SVG animation sets attributes (an `href`, say) to these values. */
const ANIMATION_ELEMENTS = new Set(["animate", "set", "animatemotion", "animatetransform"]);
const ANIMATION_VALUES = new Set(["to", "from", "values", "by"]);
/** What each loading element loads, by attribute. */
const LOADS = new Map<string, readonly string[]>([
  ["img", ["src", "srcset"]],
  ["source", ["src", "srcset"]],
  ["video", ["src", "poster"]],
  ["audio", ["src"]],
  ["track", ["src"]],
  ["iframe", ["src"]],
  ["frame", ["src"]],
  ["input", ["src"]],
  ["script", []],
  ["image", ["href", "xlink:href"]],
  ["use", ["href", "xlink:href"]],
  ["feimage", ["href", "xlink:href"]],
]);
const PLUGINS = new Set(["object", "embed", "applet"]);
const ELEMENTS_WITH_RULES = new Set(["script", "style", "base", "meta", "iframe", "form", "button", "input", "link", ...PLUGINS, ...LOADS.keys()]);
/** A `<link>` that fetches what its rel names (a canonical or alternate link fetches nothing). */
export const LOADING_LINK = /\b(?:stylesheet|icon|preload|prefetch|modulepreload|manifest|import)\b/i;
/** The script types browsers run (HTML's JavaScript MIME types, `module`, and the two they read as rules). */
const RUN_SCRIPT_TYPES =
  /^(?:|module|importmap|speculationrules|(?:application|text)\/(?:x-)?(?:ecmascript|javascript)|text\/javascript1\.[0-5]|text\/jscript|text\/livescript)$/;

/**
 * Whether a `<script>` is a data block, which no browser runs: a type that is none of those
 * (`application/ld+json`, jekyll-seo-tag's structured data). A missing type is JavaScript.
 */
export function isDataBlock(attributes: Readonly<Record<string, string>>): boolean {
  const type = attributes.type;
  // Parameters (`; charset=utf-8`) left out: counted as run, to be safe.
  return type !== undefined && !RUN_SCRIPT_TYPES.test(type.split(";")[0]!.trim().toLowerCase());
}
/** A URL the browser may fetch from another host: with a scheme, or protocol-relative (`//`, `\\`). */
const MAY_BE_ELSEWHERE = /^(?:[a-z][a-z0-9+.-]*:|[/\\]{2})/i;
const SCRIPT_SCHEME = /^(?:javascript|vbscript):/i;

/**
 * A URL attribute's value as the URL parser reads its scheme: without leading and trailing
 * spaces and control characters, and without the tabs and newlines it drops anywhere
 * (`java&#9;script:` is `javascript:`).
 */
export function urlAsBrowsersRead(value: string): string {
  return value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
}

function isScriptUrl(value: string): boolean {
  if (!value.includes(":")) return false;
  // Most URLs with a colon are links to other sites: told apart without building a string.
  if (value.startsWith("https:") || value.startsWith("http:") || value.startsWith("mailto:")) return false;
  return SCRIPT_SCHEME.test(urlAsBrowsersRead(value));
}

/** Whether a URL may be on another host; most are paths on this site, told apart cheaply. */
function mayBeElsewhere(url: string): boolean {
  const first = url.charCodeAt(0);
  const second = url.charCodeAt(1);
  // "/x" (not "//x" or "/\\x") and "#x" are on this site.
  if ((first === 0x2f && second !== 0x2f && second !== 0x5c) || first === 0x23) return false;
  return MAY_BE_ELSEWHERE.test(urlAsBrowsersRead(url));
}

/** The URLs of a `srcset`: comma-separated candidates, each a URL and a descriptor. */
function srcsetUrls(value: string): string[] {
  return value
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

/** The hits of one attribute of an element of the content (each attribute the parser reads). */
export function hitsOfAttribute(tag: string, name: string, value: string, hits: RawHtmlHit[]): void {
  if (name === "style") hits.push({ kind: "inline-style", tag, attribute: name, value });
  else if (name.charCodeAt(0) === 0x6f && name.charCodeAt(1) === 0x6e && name.length > 2) hits.push({ kind: "handler", tag, attribute: name, value });
  else if (URL_ATTRIBUTES.has(name) && isScriptUrl(value)) hits.push({ kind: "script-url", tag, attribute: name, value });
  else if (ANIMATION_VALUES.has(name) && ANIMATION_ELEMENTS.has(tag) && /javascript:|vbscript:/i.test(urlAsBrowsersRead(value).replace(/\s/g, ""))) {
    hits.push({ kind: "script-url", tag, attribute: name, value });
  }
}

/** The hits of an element of the content as a whole. `attributes`: as the parser read them (the first of a name counts). */
export function hitsOfElement(tag: string, attributes: Readonly<Record<string, string>>, hits: RawHtmlHit[]): void {
  // Most elements (a, p, span, li, code, ...) have no rule of their own.
  if (!ELEMENTS_WITH_RULES.has(tag)) return;
  if (tag === "script") {
    if (!isDataBlock(attributes)) hits.push({ kind: "script", tag, attribute: "", value: attributes.src ?? "" });
  } else if (tag === "style") hits.push({ kind: "inline-style", tag, attribute: "", value: "" });
  else if (tag === "base") hits.push({ kind: "base", tag, attribute: "", value: attributes.href ?? "" });
  else if (tag === "meta" && attributes["http-equiv"] !== undefined)
    hits.push({ kind: "meta", tag, attribute: "http-equiv", value: attributes["http-equiv"]! });
  else if (PLUGINS.has(tag)) hits.push({ kind: "plugin", tag, attribute: "", value: attributes.data ?? attributes.src ?? "" });
  if (tag === "iframe" && attributes.srcdoc !== undefined) hits.push({ kind: "srcdoc", tag, attribute: "srcdoc", value: attributes.srcdoc! });
  if (tag === "form" || ((tag === "button" || tag === "input") && attributes.formaction !== undefined)) {
    const attribute = tag === "form" ? "action" : "formaction";
    const target = attributes[attribute];
    if (target !== undefined && mayBeElsewhere(target) && !isScriptUrl(target)) hits.push({ kind: "form-target", tag, attribute, value: target });
  }
  const loaded = tag === "link" ? (LOADING_LINK.test(attributes.rel ?? "") ? ["href"] : []) : LOADS.get(tag);
  if (!loaded) return;
  for (const attribute of loaded) {
    const value = attributes[attribute];
    if (value === undefined) continue;
    for (const url of attribute === "srcset" ? srcsetUrls(value) : [value]) {
      if (mayBeElsewhere(url) && !isScriptUrl(url)) hits.push({ kind: "load", tag, attribute, value: url });
    }
  }
}

/** In text: a markdown link, autolink or link definition whose URL markdown-it refused (validateLink). */
const REFUSED_LINK = /(?:\]\(\s*<?|<|^\s*\[[^\]\n]*\]:\s*<?)((?:javascript|vbscript|file|data):[^\s>]*)/gim;

export function refusedLinkHits(text: string, hits: RawHtmlHit[]): void {
  if (!text.includes(":")) return;
  for (const match of text.matchAll(REFUSED_LINK)) {
    // The link's closing parenthesis, and any other that closes nothing in the URL, is markdown's.
    let url = match[1]!;
    while (url.endsWith(")") && url.split("(").length < url.split(")").length) url = url.slice(0, -1);
    // An image's data: URL is one markdown-it accepts: what is left as text is all refused.
    hits.push({ kind: "refused-link", tag: "", attribute: "", value: url });
  }
}

/**
 * Where htmlparser2 and the HTML standard may read a page's content differently (see above),
 * and elements whose content parsers treat apart (`<select>`, `<template>`, `<plaintext>`), to be safe.
 */
const PARSERS_MAY_DIFFER = /<(?:plaintext|xmp|math|select|template)\b|<!|--!>/gi;
/** Raw text to browsers (scripting on), markup to htmlparser2. */
const RAW_TEXT_IN_BROWSERS = /<(noscript|iframe|noembed|noframes)\b/gi;
/** What can hide the browser's end tag of such an element from htmlparser2 (a quoted value, a comment, raw text). */
const HIDES_AN_END_TAG = /["'`]|<[!?]|<(?:style|script|title|textarea|xmp|plaintext)\b/i;
const FOREIGN_CONTENT = /<(?:svg|math)\b/gi;
const RAW_TEXT_IN_HTMLPARSER2 = /<(style|script|title|textarea|xmp)\b/gi;

/** Whether the content from `start` on needs the standard parser's reading too. */
export function needsStandardParser(html: string, start: number): boolean {
  const found = (pattern: RegExp) => {
    pattern.lastIndex = start;
    return pattern.test(html);
  };
  return found(PARSERS_MAY_DIFFER) || browsersMayEndRawTextElsewhere(html, start) || (found(FOREIGN_CONTENT) && rawTextHoldsMarkup(html, start));
}

/** The text of each match of `opening` (from `start` on) up to its end tag, or to the end of `html`. */
function* elementTexts(html: string, start: number, opening: RegExp): Generator<string> {
  opening.lastIndex = start;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    // The first `>` may be inside a quoted attribute: the text then starts early, which can only find more.
    const textStart = html.indexOf(">", match.index);
    if (textStart < 0) {
      yield html.slice(match.index);
      return;
    }
    const end = new RegExp(`</${match[1]}[\\s/>]`, "gi");
    end.lastIndex = textStart;
    const textEnd = end.exec(html)?.index ?? html.length;
    yield html.slice(textStart + 1, textEnd);
    opening.lastIndex = textEnd;
  }
}

/**
 * Whether the browser may end a `<noscript>` (or `<iframe>`, ...) where htmlparser2 does not:
 * the browser ends it at the first `</noscript>` of the text; htmlparser2 reads the text as
 * markup, and sees that end tag too unless a quoted value, a comment or raw text hides it. The
 * theme's search page has `<noscript><p>Search needs JavaScript...</p></noscript>`.
 */
function browsersMayEndRawTextElsewhere(html: string, start: number): boolean {
  for (const text of elementTexts(html, start, RAW_TEXT_IN_BROWSERS)) if (HIDES_AN_END_TAG.test(text)) return true;
  return false;
}

/**
 * Whether an element htmlparser2 reads as raw text holds a `<` before its end tag: only then can
 * the browser, reading it as markup inside `<svg>` or `<math>`, see elements there. A diagram's
 * `<title>A tunnel</title>` holds none, and is read alike by both (its entities too).
 */
function rawTextHoldsMarkup(html: string, start: number): boolean {
  for (const text of elementTexts(html, start, RAW_TEXT_IN_HTMLPARSER2)) if (text.includes("<")) return true;
  return false;
}

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

// Loaded on first use: most pages never need the standard parser (needsStandardParser).
let parse5: typeof import("parse5") | undefined;
const parseHtml = (html: string) => (parse5 ??= createRequire(import.meta.url)("parse5") as typeof import("parse5")).parse(html);

/**
 * The hits of a page as parse5 reads it. `skipHead`: the page has a `<head>` of its own (the
 * layout's); without one, parse5 moves leading content (a `<script>`, say) into the head it makes.
 */
export function standardParserHits(html: string, skipHead: boolean): RawHtmlHit[] {
  const hits: RawHtmlHit[] = [];
  const visit = (node: ParentNode) => {
    for (const child of node.childNodes) {
      if (!("tagName" in child)) continue;
      const element = child as Element;
      const tag = element.tagName.toLowerCase();
      if (tag === "head" && skipHead) continue;
      const attributes: Record<string, string> = {};
      for (const attribute of element.attrs) {
        const name = (attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name).toLowerCase();
        attributes[name] ??= attribute.value;
      }
      for (const name in attributes) hitsOfAttribute(tag, name, attributes[name]!, hits);
      hitsOfElement(tag, attributes, hits);
      visit(element);
      if (tag === "template") visit((element as DefaultTreeAdapterTypes.Template).content);
    }
  };
  visit(parseHtml(html));
  return hits;
}

/** `more`'s hits that `hits` does not have yet (by kind, element, attribute and value), added to it. */
export function addMissingHits(hits: RawHtmlHit[], more: RawHtmlHit[]): void {
  const key = (hit: RawHtmlHit) => `${hit.kind}\0${hit.tag}\0${hit.attribute}\0${hit.value}`;
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(key(hit), (counts.get(key(hit)) ?? 0) + 1);
  for (const hit of more) {
    const left = counts.get(key(hit)) ?? 0;
    if (left > 0) counts.set(key(hit), left - 1);
    else hits.push(hit);
  }
}
