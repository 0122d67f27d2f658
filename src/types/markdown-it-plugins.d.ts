// markdown-it-deflist and markdown-it-abbr ship no types; each is a plain markdown-it plugin.
declare module "markdown-it-deflist" {
  import type MarkdownIt from "markdown-it";

  const plugin: (md: MarkdownIt) => void;
  export default plugin;
}
declare module "markdown-it-abbr" {
  import type MarkdownIt from "markdown-it";

  const plugin: (md: MarkdownIt) => void;
  export default plugin;
}
