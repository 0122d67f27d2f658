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
  references: PageReference[];
  /** Unrendered `{{ ... }}`, `{% ... %}` or `{: ... }` snippets, in order. */
  rawSyntax: string[];
}

/** Text inside these shows code as written: template syntax there is on purpose. */
const LITERAL_ELEMENTS = new Set(["code", "pre", "script", "style", "textarea"]);
const RAW_SYNTAX = /\{\{.{0,80}?(?:\}\}|$)|\{%.{0,80}?(?:%\}|$)|\{:.{0,80}?(?:\}|$)/gms;

function rawSnippets(text: string): string[] {
  return [...text.matchAll(RAW_SYNTAX)].map((match) => match[0].replace(/\s+/g, " ").trim());
}

const REFERENCE_ATTRIBUTES: Record<string, { attribute: string; kind: PageReference["kind"] }> = {
  a: { attribute: "href", kind: "link" },
  area: { attribute: "href", kind: "link" },
  img: { attribute: "src", kind: "image" },
  script: { attribute: "src", kind: "asset" },
  source: { attribute: "src", kind: "asset" },
  video: { attribute: "src", kind: "asset" },
  audio: { attribute: "src", kind: "asset" },
  iframe: { attribute: "src", kind: "link" },
};

export function summarizePage(html: string, inputPath: string, url: string): OutputPage {
  const page: OutputPage = { inputPath: path.resolve(inputPath), url, ids: new Set(), references: [], rawSyntax: [] };
  let literalDepth = 0;
  let openLink: PageReference | undefined;
  // htmlparser2 may hand one text run over in pieces (around entities): scan it whole.
  let text = "";
  const flushText = () => {
    if (literalDepth === 0 && text.includes("{")) page.rawSyntax.push(...rawSnippets(text));
    text = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        flushText();
        if (attributes.id !== undefined) page.ids.add(attributes.id);
        if (name === "a" && attributes.name !== undefined) page.ids.add(attributes.name);
        const reference = REFERENCE_ATTRIBUTES[name];
        let url = reference ? attributes[reference.attribute] : undefined;
        let kind = reference?.kind;
        if (name === "link" && attributes.href !== undefined && /\bstylesheet\b|\bicon\b|\bpreload\b/.test(attributes.rel ?? "")) {
          url = attributes.href;
          kind = "asset";
        }
        if (url !== undefined && kind) {
          const found: PageReference = { kind, url, text: "" };
          page.references.push(found);
          if (name === "a") openLink = found;
        }
        if (LITERAL_ELEMENTS.has(name)) literalDepth++;
        else for (const value of Object.values(attributes)) page.rawSyntax.push(...rawSnippets(value));
      },
      ontext(piece) {
        if (openLink) openLink.text += piece;
        text += piece;
      },
      onclosetag(name) {
        flushText();
        if (name === "a") openLink = undefined;
        if (LITERAL_ELEMENTS.has(name)) literalDepth = Math.max(0, literalDepth - 1);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  flushText();
  return page;
}
