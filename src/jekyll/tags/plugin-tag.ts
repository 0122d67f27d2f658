import { Tag } from "liquidjs";

/**
 * A tag of one of the site's plugins that this generator does not run (a `plugins:` entry with no
 * equivalent here, or Ruby in `_plugins/`): it renders nothing, and each use is a warning where
 * it is written (engine.ts), where Jekyll would have run the plugin. A block plugin's
 * `{% name %}...{% endname %}` renders what is between the two as the page's own text.
 */

export class PluginTag extends Tag {
  override *render(): Generator<unknown, void, unknown> {}
}

/** Tag names a template uses (`{% name ...`), with the offset of each name; raw and comment blocks left out. */
export function tagUses(text: string): { name: string; begin: number }[] {
  if (!text.includes("{%")) return [];
  const uses: { name: string; begin: number }[] = [];
  const markup = /\{%-?\s*(raw|comment)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}|\{%-?\s*([A-Za-z_][\w-]*)/g;
  for (const match of text.matchAll(markup)) {
    if (match[2] === undefined) continue;
    uses.push({ name: match[2], begin: match.index + match[0].length - match[2].length });
  }
  return uses;
}
