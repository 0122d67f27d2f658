/**
 * highlight.js's token spans renamed to Rouge's token classes (Pygments' short names: `k`, `s`,
 * `c`, `nb`...), for a Jekyll site: its stylesheet is a Rouge theme (`rougify style`, or a
 * theme's syntax.scss) that colours `.highlight .k`, never `.hljs-keyword`, so highlight.js's own
 * class names would leave its code uncoloured. The token boundaries stay highlight.js's (Rouge
 * splits some tokens finer, e.g. a string's quotes, and tells `s1` from `s2`, `c` from `c1`);
 * each scope maps to the Rouge token a theme colours the same way. A scope with no Rouge
 * counterpart loses its span and keeps its text: a sub-language's wrapper, a function's
 * parameter list, and the containers of older grammars (`function`, `class`: a whole
 * declaration, whose keyword and name have spans of their own).
 */

/** highlight.js scope (v11, dotted) → Rouge token short name (rouge-ruby/rouge, lib/rouge/token.rb). */
const ROUGE_TOKEN_OF_SCOPE: Readonly<Record<string, string>> = {
  keyword: "k",
  built_in: "nb",
  type: "kt",
  literal: "kc",
  number: "m",
  operator: "o",
  punctuation: "p",
  property: "py",
  regexp: "sr",
  string: "s",
  "char.escape": "se",
  subst: "si",
  symbol: "ss",
  variable: "nv",
  "variable.language": "bp",
  "variable.constant": "no",
  title: "nf",
  "title.function": "nf",
  "title.class": "nc",
  comment: "c",
  doctag: "cs",
  meta: "cp",
  "meta.prompt": "gp",
  section: "nn",
  tag: "nt",
  name: "nt",
  attr: "na",
  attribute: "na",
  "template-tag": "cp",
  "template-variable": "nv",
  "selector-tag": "nt",
  "selector-id": "nn",
  "selector-class": "nc",
  "selector-attr": "na",
  "selector-pseudo": "nd",
  addition: "gi",
  deletion: "gd",
  emphasis: "ge",
  strong: "gs",
  code: "sb",
  bullet: "p",
  link: "nl",
  quote: "c",
};

/** The Rouge token of a span's classes: `hljs-title class_ inherited__` is scope title.class.inherited, then title.class, then title. */
function rougeTokenOf(classes: string): string | undefined {
  const [first, ...rest] = classes.split(" ");
  if (!first?.startsWith("hljs-")) return undefined; // `language-xml`: a sub-language's wrapper
  const parts = [first.slice("hljs-".length), ...rest.map((part) => part.replace(/_+$/, ""))];
  for (let length = parts.length; length > 0; length--) {
    const token = ROUGE_TOKEN_OF_SCOPE[parts.slice(0, length).join(".")];
    if (token) return token;
  }
  return undefined;
}

const SPAN = /<span class="([^"]*)">|<\/span>/g;

/** highlight.js's highlighted HTML with Rouge's token classes; spans without a counterpart are unwrapped. */
export function withRougeTokens(highlighted: string): string {
  const kept: boolean[] = [];
  return highlighted.replace(SPAN, (span, classes: string | undefined) => {
    if (classes === undefined) return kept.pop() ? span : "";
    const token = rougeTokenOf(classes);
    kept.push(token !== undefined);
    return token ? `<span class="${token}">` : "";
  });
}
