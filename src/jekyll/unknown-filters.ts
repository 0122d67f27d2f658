/**
 * Filters a template uses that the engine doesn't have. Jekyll's default (`strict_filters:
 * false`) renders `{{ x | nosuch }}` as `x`; LiquidJS does the same when it is not strict, but
 * says nothing, so the engine finds them in the text it parses and reports each one where it is
 * written (as a warning), rather than letting a typo go unseen.
 */

export interface FilterUse {
  name: string;
  /** Offsets of the name in the text. */
  begin: number;
  end: number;
}

const MARKUP = /\{%-?\s*(raw|comment)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}|\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const QUOTED = /"[^"]*"|'[^']*'/g;
const FILTER = /\|\s*([A-Za-z_][\w-]*)/g;

export function unknownFilterUses(text: string, isKnown: (name: string) => boolean): FilterUse[] {
  if (!text.includes("|")) return [];
  const uses: FilterUse[] = [];
  for (const match of text.matchAll(MARKUP)) {
    const inner = match[2] ?? match[3];
    if (inner === undefined || !inner.includes("|")) continue;
    const start = match.index + 2;
    // Quoted text blanked out, so that offsets stay those of the text.
    const code = inner.replace(QUOTED, (quoted) => " ".repeat(quoted.length));
    for (const filter of code.matchAll(FILTER)) {
      const name = filter[1]!;
      if (isKnown(name)) continue;
      const begin = start + filter.index + filter[0].length - name.length;
      uses.push({ name, begin, end: begin + name.length });
    }
  }
  return uses;
}
