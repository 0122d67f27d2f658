import { createRequire } from "node:module";
import type { HLJSApi, LanguageFn } from "highlight.js";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import diff from "highlight.js/lib/languages/diff";
import ini from "highlight.js/lib/languages/ini";
import json from "highlight.js/lib/languages/json";
import plaintext from "highlight.js/lib/languages/plaintext";
import sql from "highlight.js/lib/languages/sql";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import type MarkdownIt from "markdown-it";
import { ROUGE_LANGUAGES } from "./rouge-languages.ts";
import { withRougeTokens } from "./rouge-tokens.ts";

/**
 * Code highlighted at build time: the page ships token spans its style sheet colours, and no
 * highlighter runs in the browser. Two markups:
 * - "theme" (this repository's own site): `<pre><code class="language-x">` with highlight.js's
 *   `hljs-…` spans, which site.css colours; only the languages the docs use are registered (an
 *   unknown one is left as escaped plain text rather than guessed).
 * - "rouge" (a Jekyll site): what kramdown and Rouge write, so that the site's own Rouge theme
 *   and `.highlighter-rouge` rules apply: `div.language-x.highlighter-rouge > div.highlight >
 *   pre.highlight > code` for a language Rouge knows (none given: plaintext), a bare
 *   `<pre><code class="language-x">` for any other, inline code as
 *   `code.language-plaintext.highlighter-rouge`, tokens with Rouge's classes (rouge-tokens.ts).
 *   highlight.js's common languages and some forty more are registered, under Rouge's names; they
 *   are loaded on a Jekyll site's first code block (some 50 ms), never for the own site.
 */

export type CodeMarkup = "theme" | "rouge";

const themeHighlighter = hljs.newInstance();
for (const [name, language] of Object.entries({ bash, diff, ini, json, plaintext, sql, xml, yaml })) {
  themeHighlighter.registerLanguage(name, language);
}
// The tutorials write ```shell for commands to paste; highlight.js's "shell" means a console
// session with prompts, so commands are highlighted as bash.
themeHighlighter.registerAliases(["shell", "sh", "console", "terminal"], { languageName: "bash" });
themeHighlighter.registerAliases(["toml", "conf", "cfg"], { languageName: "ini" });
themeHighlighter.registerAliases(["yml"], { languageName: "yaml" });
themeHighlighter.registerAliases(["html"], { languageName: "xml" });
themeHighlighter.registerAliases(["text", "txt"], { languageName: "plaintext" });

/** highlight.js's common set (highlight.js/lib/common), and the languages Rouge also knows that Jekyll sites' docs often show. */
const ROUGE_SITE_LANGUAGES = [
  ...["xml", "bash", "c", "cpp", "csharp", "css", "markdown", "diff", "ruby", "go", "graphql", "ini", "java", "javascript", "json", "kotlin"],
  ...["less", "lua", "makefile", "perl", "objectivec", "php", "php-template", "plaintext", "python", "python-repl", "r", "rust", "scss"],
  ...["shell", "sql", "swift", "yaml", "typescript", "vbnet", "wasm"],
  ...["apache", "clojure", "coffeescript", "crystal", "dart", "django", "dockerfile", "elixir", "erb", "erlang", "gherkin", "groovy", "haml"],
  ...["handlebars", "haskell", "http", "julia", "latex", "nginx", "nim", "ocaml", "powershell", "properties", "protobuf", "puppet", "scala"],
  ...["smalltalk", "tcl", "twig", "vim"],
];

/**
 * Rouge's names that highlight.js knows by another name, or by the same name as another
 * language (Rouge's `ps` is PostScript, highlight.js's PowerShell): "" is no highlighting.
 * Rouge's `shell` is bash; its `console` is a session with prompts, highlight.js's `shell`.
 */
const HLJS_NAME_OF_ROUGE_NAME: Readonly<Record<string, string>> = {
  shell: "bash",
  ksh: "bash",
  terminal: "shell",
  "shell-session": "shell",
  shell_session: "shell",
  bsdmake: "makefile",
  gnumake: "makefile",
  mf: "makefile",
  cljs: "clojure",
  "coffee-script": "coffeescript",
  cucumber: "gherkin",
  behat: "gherkin",
  eruby: "erb",
  rhtml: "erb",
  "json-doc": "json",
  jl: "julia",
  microsoftshell: "powershell",
  msshell: "powershell",
  posh: "powershell",
  mustache: "handlebars",
  nimrod: "nim",
  php3: "php",
  php4: "php",
  php5: "php",
  plsql: "sql",
  pry: "ruby",
  react: "javascript",
  s: "r",
  S: "r",
  squeak: "smalltalk",
  udiff: "diff",
  ex: "vim",
  viml: "vim",
  vimscript: "vim",
  visualbasic: "vbnet",
  ps: "",
  hh: "",
  ml: "",
};

let rougeSiteHighlighter: HLJSApi | undefined;

function rougeHighlighter(): HLJSApi {
  if (rougeSiteHighlighter) return rougeSiteHighlighter;
  const load = createRequire(import.meta.url);
  const highlighter = hljs.newInstance();
  for (const name of ROUGE_SITE_LANGUAGES) highlighter.registerLanguage(name, load(`highlight.js/lib/languages/${name}`) as LanguageFn);
  rougeSiteHighlighter = highlighter;
  return highlighter;
}

/** The highlight.js language for one of Rouge's names, or "" for none. */
function hljsNameOf(rougeName: string): string {
  const name = rougeName.includes(",") ? rougeName.split(",")[0]! : rougeName; // rust,ignore
  return HLJS_NAME_OF_ROUGE_NAME[name] ?? name;
}

/** Code as text in HTML, as kramdown and Rouge escape it: `&`, `<` and `>` (quotes stay). */
export const escapeCodeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The highlighted HTML of `code` (theme markup), or "" when the language is unknown (markdown-it then escapes it). */
export function highlightCode(code: string, language: string): string {
  const name = language.trim().toLowerCase();
  if (name === "" || !themeHighlighter.getLanguage(name)) return "";
  return themeHighlighter.highlight(code, { language: name, ignoreIllegals: true }).value;
}

/**
 * `code` as Rouge would give it, with Rouge's token classes: undefined when Rouge does not know
 * `language` (kramdown then writes plain, escaped code), escaped text when highlight.js does not.
 */
export function highlightAsRouge(code: string, language: string): string | undefined {
  if (!ROUGE_LANGUAGES.has(language)) return undefined;
  const name = hljsNameOf(language);
  const highlighter = rougeHighlighter();
  if (name === "" || !highlighter.getLanguage(name)) return escapeCodeText(code);
  return withRougeTokens(highlighter.highlight(code, { language: name, ignoreIllegals: true }).value);
}

export interface CodeHighlightOptions {
  markup: CodeMarkup;
}

export const defaultCodeHighlightOptions: CodeHighlightOptions = { markup: "theme" };

export function codeHighlighting(md: MarkdownIt, overrides: Partial<CodeHighlightOptions> = {}): void {
  const options = { ...defaultCodeHighlightOptions, ...overrides };
  if (options.markup === "theme") {
    md.options.highlight = (code, language) => highlightCode(code, language);
    return;
  }
  const { escapeHtml, unescapeAll } = md.utils;
  const rules = md.renderer.rules;
  const attributesHtml = (attrs: Array<[string, string]>) => attrs.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join("");
  /** kramdown's attributes of code: its classes around the element's own (`{: .note #id}`), then the others. */
  const withClasses = (attrs: Array<[string, string]>, before: string[], after: string[]): Array<[string, string]> => {
    const classes = [...before, ...attrs.filter(([name]) => name === "class").flatMap(([, value]) => value.split(/\s+/).filter(Boolean)), ...after];
    return [...(classes.length > 0 ? [["class", classes.join(" ")] as [string, string]] : []), ...attrs.filter(([name]) => name !== "class")];
  };
  const codeBlock = (code: string, language: string, attrs: Array<[string, string]>): string => {
    const highlighted = highlightAsRouge(code, language || "plaintext");
    if (highlighted === undefined) {
      return `<pre${attributesHtml(withClasses(attrs, [], []))}><code class="language-${escapeHtml(language)}">${escapeHtml(code)}</code></pre>\n`;
    }
    const wrapper = attributesHtml(withClasses(attrs, [`language-${language || "plaintext"}`], ["highlighter-rouge"]));
    return `<div${wrapper}><div class="highlight"><pre class="highlight"><code>${highlighted}</code></pre></div></div>\n`;
  };
  rules.fence = (tokens, index) => {
    const token = tokens[index]!;
    const language = unescapeAll(token.info).trim().split(/\s+/)[0] ?? "";
    return codeBlock(token.content, language, token.attrs ?? []);
  };
  rules.code_block = (tokens, index) => codeBlock(tokens[index]!.content, "", tokens[index]!.attrs ?? []);
  rules.code_inline = (tokens, index) => {
    const token = tokens[index]!;
    // `code`{: .language-ruby} is highlighted as Ruby, as kramdown does; any other as plaintext.
    const language = /(?:^|\s)language-(\S+)/.exec(token.attrGet("class") ?? "")?.[1];
    const attributes = withClasses(token.attrs ?? [], language ? [] : ["language-plaintext"], ["highlighter-rouge"]);
    return `<code${attributesHtml(attributes)}>${(language && highlightAsRouge(token.content, language)) || escapeHtml(token.content)}</code>`;
  };
}
