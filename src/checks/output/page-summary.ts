import path from "node:path";
import { Parser } from "htmlparser2";
import { defaultSpanHtmlOptions } from "../../markdown/span-html.ts";
import { allowsOnlyOwnScripts } from "./content-policy.ts";
import {
  addMissingHits,
  hitsOfAttribute,
  hitsOfElement,
  isDataBlock,
  LOADING_LINK,
  needsStandardParser,
  type RawHtmlHit,
  refusedLinkHits,
  standardParserHits,
} from "./raw-html-scan.ts";
import { skippingTokenizer } from "./skipping-tokenizer.ts";

/**
 * What the output checks need from one built page, taken while Eleventy hands the page over (a
 * transform), with one streaming parse: its ids, the URLs it references, any Liquid or kramdown
 * syntax that reached the reader unrendered, and raw HTML its content must not carry. The HTML
 * itself is not kept.
 */

export interface PageReference {
  kind: "link" | "image" | "asset";
  url: string;
  /** A link's text or an image's `alt`, to find it in the source (`[text](...)`, `![alt](...)`). */
  text: string;
}

export interface OutputPage {
  /** Absolute path of the source page. */
  inputPath: string;
  /** Output URL as Eleventy wrote it: `/docs/common/x.html`. */
  url: string;
  ids: Set<string>;
  /**
   * Each URL the page references, once, as it is first referenced: whether a URL resolves does
   * not depend on where on the page it is, so a later reference could only repeat the finding.
   */
  references: PageReference[];
  /**
   * Whether the page's head has the site's Content-Security-Policy before anything it loads
   * (content-policy.ts): what the page-policy check asks of every page.
   */
  hasPolicy: boolean;
  /** Unrendered `{{ ... }}`, `{% ... %}` or `{: ... }` snippets, and block-level HTML tags shown as text, in order. */
  rawSyntax: string[];
  /** Scripts, event handlers, `javascript:` URLs and the like in the page's content (not its `<head>`), in order. */
  rawHtml: RawHtmlHit[];
  /** The `src` of each image of the content without alt text (and not marked decorative with `role="presentation"`), in order. */
  imagesWithoutAlt: string[];
}

/**
 * Strings the summaries of one build share. Every page repeats most of its frame's links and
 * ids, so each distinct one is stored once. Each is a copy: the parser hands out slices of the
 * page's HTML, and a slice kept in a summary would keep the whole page alive.
 */
export class SummaryStrings {
  private readonly strings = new Map<string, string>();
  private readonly references = new Map<string, PageReference[]>();

  string(text: string): string {
    let kept = this.strings.get(text);
    if (kept === undefined) {
      kept = detached(text);
      this.strings.set(kept, kept);
    }
    return kept;
  }

  reference(kind: PageReference["kind"], url: string, text: string): PageReference {
    let sameUrl = this.references.get(url);
    if (!sameUrl) {
      sameUrl = [];
      this.references.set(this.string(url), sameUrl);
    }
    let kept = sameUrl.find((reference) => reference.kind === kind && reference.text === text);
    if (!kept) {
      kept = { kind, url: this.string(url), text: this.string(text) };
      sameUrl.push(kept);
    }
    return kept;
  }
}

/** A copy of a string that shares no memory with the string it came from. */
function detached(text: string): string {
  // Short strings are always copied by V8; a JSON round trip copies any other (lone surrogates too).
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** Text inside these shows code as written: template syntax there is on purpose. */
const LITERAL_ELEMENTS = new Set(["code", "pre", "script", "style", "textarea"]);
const RAW_SYNTAX = /\{\{.{0,80}?(?:\}\}|$)|\{%.{0,80}?(?:%\}|$)|\{:.{0,80}?(?:\}|$)/gms;
/** A block-level HTML tag as text (kramdown shows one inside a paragraph's text so: span-html.ts). */
const TAG_AS_TEXT = new RegExp(`</?(?:${defaultSpanHtmlOptions.blockElements.join("|")})(?=[\\s/>])[^<>]{0,80}>`, "gi");
/** An image its author marked as decoration: screen readers skip it, so it needs no alt text. */
const DECORATIVE = /^\s*(?:presentation|none)\b/i;
const STYLESHEET_OR_ICON = /\bstylesheet\b|\bicon\b|\bpreload\b/;

const REFERENCE_ATTRIBUTES = new Map<string, { attribute: "href" | "src"; kind: PageReference["kind"] }>([
  ["a", { attribute: "href", kind: "link" }],
  ["area", { attribute: "href", kind: "link" }],
  ["img", { attribute: "src", kind: "image" }],
  ["script", { attribute: "src", kind: "asset" }],
  ["source", { attribute: "src", kind: "asset" }],
  ["video", { attribute: "src", kind: "asset" }],
  ["audio", { attribute: "src", kind: "asset" }],
  ["iframe", { attribute: "src", kind: "link" }],
]);

/** Where the parse is: before the layout's `<head>`, in it, or in the page's content after it. */
type Part = "before-head" | "head" | "content";

/** What the checks read of a tag's attributes. */
interface TagAttributes {
  id?: string;
  name?: string;
  href?: string;
  src?: string;
  rel?: string;
  /** Attribute values with a brace: raw syntax, perhaps. */
  braced: Array<{ name: string; value: string }> | undefined;
}

/** A link whose text is still being read. */
interface OpenLink {
  /** Where its reference goes in the page's list; -1 for a URL the page already referenced. */
  index: number;
  url: string;
  text: string;
}

/** What an element of the page's head says about its policy (see OutputPage.hasPolicy); undefined: nothing yet. */
function policyVerdict(part: Part, name: string, attributes: Record<string, string>): boolean | undefined {
  if (part === "content") return false;
  if (part !== "head") return undefined;
  if (name === "meta" && attributes["http-equiv"]?.toLowerCase() === "content-security-policy") return allowsOnlyOwnScripts(attributes.content ?? "");
  // A data block (JSON-LD) runs nothing and a canonical link fetches nothing: the policy may come after them.
  if (name === "script") return isDataBlock(attributes) ? undefined : false;
  if (name === "link") return LOADING_LINK.test(attributes.rel ?? "") ? false : undefined;
  return name === "style" || name === "base" || name === "body" ? false : undefined;
}

export function summarizePage(html: string, inputPath: string, url: string, strings = new SummaryStrings()): OutputPage {
  const page: OutputPage = {
    inputPath: path.resolve(inputPath),
    url,
    ids: new Set(),
    references: [],
    hasPolicy: false,
    rawSyntax: [],
    rawHtml: [],
    imagesWithoutAlt: [],
  };
  // Decided by the first element of the head that matters: the policy, or something it must come before.
  let policy: boolean | undefined;
  const referenced = new Set<string>();
  let literalDepth = 0;
  let openLink: OpenLink | undefined;
  // Only the first <head>, before any content, is the layout's: one written in the content is
  // ignored by browsers, and what follows it is content still.
  let part: Part = "before-head";
  let contentStart = 0;
  // htmlparser2 may hand one text run over in pieces (around entities): scan it whole.
  let text = "";
  const addSnippets = (found: string) => {
    if (found.includes("<")) for (const match of found.matchAll(TAG_AS_TEXT)) page.rawSyntax.push(detached(match[0].replace(/\s+/g, " ")));
    // The three kinds of raw Liquid and kramdown syntax start with a brace: most text has none.
    if (!found.includes("{")) return;
    for (const match of found.matchAll(RAW_SYNTAX)) page.rawSyntax.push(detached(match[0].replace(/\s+/g, " ").trim()));
  };
  const flushText = () => {
    if (text === "") return;
    if (literalDepth === 0) {
      addSnippets(text);
      if (part === "content") refusedLinkHits(text, page.rawHtml);
    }
    text = "";
  };
  /** A link's text is complete once nothing more is added to it: its reference can be shared. */
  const closeLink = () => {
    if (openLink && openLink.index >= 0) page.references[openLink.index] = strings.reference("link", openLink.url, openLink.text);
    openLink = undefined;
  };
  // The attributes the checks read, taken as the parser reads them (the first of two of one name
  // counts, as in the tag's attributes), and values with a brace, scanned once the tag is known.
  // One object, cleared for each tag: pages have tens of thousands of tags.
  const tag: TagAttributes = { id: undefined, name: undefined, href: undefined, src: undefined, rel: undefined, braced: undefined };
  let tagName = "";
  const parser = new Parser(
    {
      onopentagname(name) {
        tag.id = tag.name = tag.href = tag.src = tag.rel = undefined;
        tag.braced = undefined;
        tagName = name;
        if (part === "before-head" && name === "head") part = "head";
        else if (part === "before-head" && name !== "html") part = "content";
      },
      onattribute(name, value) {
        if (part === "content") hitsOfAttribute(tagName, name, value, page.rawHtml);
        if (name === "id") tag.id ??= value;
        else if (name === "name") tag.name ??= value;
        else if (name === "href") tag.href ??= value;
        else if (name === "src") tag.src ??= value;
        else if (name === "rel") tag.rel ??= value;
        if (value.includes("{")) (tag.braced ??= []).push({ name, value });
      },
      onopentag(name, attributes) {
        flushText();
        if (policy === undefined) policy = policyVerdict(part, name, attributes);
        if (part === "content") hitsOfElement(name, attributes, page.rawHtml);
        if (tag.id !== undefined) page.ids.add(strings.string(tag.id));
        if (name === "img" && part === "content" && !attributes.alt?.trim() && !DECORATIVE.test(attributes.role ?? "")) {
          page.imagesWithoutAlt.push(strings.string(tag.src ?? ""));
        }
        if (name === "a" && tag.name !== undefined) page.ids.add(strings.string(tag.name));
        const reference = REFERENCE_ATTRIBUTES.get(name);
        let url = reference ? tag[reference.attribute] : undefined;
        let kind = reference?.kind;
        if (name === "link" && tag.href !== undefined && STYLESHEET_OR_ICON.test(tag.rel ?? "")) {
          url = tag.href;
          kind = "asset";
        }
        if (url !== undefined && kind) {
          const isNew = !referenced.has(url);
          if (isNew) referenced.add(url);
          if (name === "a") {
            closeLink();
            openLink = { index: isNew ? page.references.length : -1, url, text: "" };
            if (isNew) page.references.push({ kind, url, text: "" });
          } else if (isNew) {
            page.references.push(strings.reference(kind, url, name === "img" ? (attributes.alt ?? "") : ""));
          }
        }
        if (LITERAL_ELEMENTS.has(name)) literalDepth++;
        else {
          tag.braced?.forEach(({ name, value }, i, braced) => {
            if (attributes[name] === value && !braced.slice(0, i).some((earlier) => earlier.name === name)) addSnippets(value);
          });
        }
      },
      ontext(piece) {
        if (openLink) openLink.text += piece;
        // The whole run: raw syntax and refused markdown links are looked for in it at its end.
        text += piece;
      },
      onclosetag(name) {
        flushText();
        if (part === "head" && name === "head") {
          part = "content";
          contentStart = parser.endIndex + 1;
        }
        if (name === "a") closeLink();
        if (LITERAL_ELEMENTS.has(name)) literalDepth = Math.max(0, literalDepth - 1);
      },
    },
    { decodeEntities: true, Tokenizer: skippingTokenizer },
  );
  parser.end(html);
  flushText();
  closeLink();
  page.hasPolicy = policy === true;
  if (needsStandardParser(html, contentStart)) addMissingHits(page.rawHtml, standardParserHits(html, contentStart > 0));
  // The hits hold slices of the page's HTML: copies, so that the page can go.
  page.rawHtml = page.rawHtml.map((hit) => ({ kind: hit.kind, tag: detached(hit.tag), attribute: detached(hit.attribute), value: detached(hit.value) }));
  return page;
}
