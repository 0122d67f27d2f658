import path from "node:path";
import { Parser } from "htmlparser2";

/**
 * What the output checks need from one built page, taken while Eleventy hands the page over (a
 * transform), with one streaming parse: its ids, the URLs it references, and any Liquid or
 * kramdown syntax that reached the reader unrendered. The HTML itself is not kept.
 */
export interface PageReference {
  kind: "link" | "image" | "asset";
  url: string;
  /** A link's text, to find it in the source (`[text](...)`). */
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
  /** Unrendered `{{ ... }}`, `{% ... %}` or `{: ... }` snippets, in order. */
  rawSyntax: string[];
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
const STYLESHEET_OR_ICON = /\bstylesheet\b|\bicon\b|\bpreload\b/;

const REFERENCE_ATTRIBUTES = new Map<string, { attribute: string; kind: PageReference["kind"] }>([
  ["a", { attribute: "href", kind: "link" }],
  ["area", { attribute: "href", kind: "link" }],
  ["img", { attribute: "src", kind: "image" }],
  ["script", { attribute: "src", kind: "asset" }],
  ["source", { attribute: "src", kind: "asset" }],
  ["video", { attribute: "src", kind: "asset" }],
  ["audio", { attribute: "src", kind: "asset" }],
  ["iframe", { attribute: "src", kind: "link" }],
]);

/** A link whose text is still being read. */
interface OpenLink {
  /** Where its reference goes in the page's list; -1 for a URL the page already referenced. */
  index: number;
  url: string;
  text: string;
}

export function summarizePage(html: string, inputPath: string, url: string, strings = new SummaryStrings()): OutputPage {
  const page: OutputPage = { inputPath: path.resolve(inputPath), url, ids: new Set(), references: [], rawSyntax: [] };
  const referenced = new Set<string>();
  let literalDepth = 0;
  let openLink: OpenLink | undefined;
  // htmlparser2 may hand one text run over in pieces (around entities): scan it whole.
  let text = "";
  const addSnippets = (found: string) => {
    // All three kinds of raw syntax start with a brace: most text has none.
    if (!found.includes("{")) return;
    for (const match of found.matchAll(RAW_SYNTAX)) page.rawSyntax.push(detached(match[0].replace(/\s+/g, " ").trim()));
  };
  const flushText = () => {
    if (literalDepth === 0 && text !== "") addSnippets(text);
    text = "";
  };
  /** A link's text is complete once nothing more is added to it: its reference can be shared. */
  const closeLink = () => {
    if (openLink && openLink.index >= 0) page.references[openLink.index] = strings.reference("link", openLink.url, openLink.text);
    openLink = undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        flushText();
        if (attributes.id !== undefined) page.ids.add(strings.string(attributes.id));
        if (name === "a" && attributes.name !== undefined) page.ids.add(strings.string(attributes.name));
        const reference = REFERENCE_ATTRIBUTES.get(name);
        let url = reference ? attributes[reference.attribute] : undefined;
        let kind = reference?.kind;
        if (name === "link" && attributes.href !== undefined && STYLESHEET_OR_ICON.test(attributes.rel ?? "")) {
          url = attributes.href;
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
            page.references.push(strings.reference(kind, url, ""));
          }
        }
        if (LITERAL_ELEMENTS.has(name)) literalDepth++;
        else for (const attribute in attributes) addSnippets(attributes[attribute]!);
      },
      ontext(piece) {
        if (openLink) openLink.text += piece;
        text += piece;
      },
      onclosetag(name) {
        flushText();
        if (name === "a") closeLink();
        if (LITERAL_ELEMENTS.has(name)) literalDepth = Math.max(0, literalDepth - 1);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flushText();
  closeLink();
  return page;
}
