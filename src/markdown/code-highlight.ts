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

/**
 * Fenced code blocks highlighted at build time: the page ships `<span class="hljs-…">` markup
 * that site.css colours, and no highlighter runs in the browser. Only the languages the docs use
 * are registered (an unknown one is left as escaped plain text rather than guessed).
 */

const highlighter = hljs.newInstance();
for (const [name, language] of Object.entries({ bash, diff, ini, json, plaintext, sql, xml, yaml })) {
  highlighter.registerLanguage(name, language);
}
// The tutorials write ```shell for commands to paste; highlight.js's "shell" means a console
// session with prompts, so commands are highlighted as bash.
highlighter.registerAliases(["shell", "sh", "console", "terminal"], { languageName: "bash" });
highlighter.registerAliases(["toml", "conf", "cfg"], { languageName: "ini" });
highlighter.registerAliases(["yml"], { languageName: "yaml" });
highlighter.registerAliases(["html"], { languageName: "xml" });
highlighter.registerAliases(["text", "txt"], { languageName: "plaintext" });

/** The highlighted HTML of `code`, or "" when the language is unknown (markdown-it then escapes it). */
export function highlightCode(code: string, language: string): string {
  const name = language.trim().toLowerCase();
  if (name === "" || !highlighter.getLanguage(name)) return "";
  return highlighter.highlight(code, { language: name, ignoreIllegals: true }).value;
}

export function codeHighlighting(md: MarkdownIt): void {
  md.options.highlight = (code, language) => highlightCode(code, language);
}
