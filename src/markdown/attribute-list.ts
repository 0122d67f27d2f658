/**
 * Parses the inside of a kramdown inline attribute list (IAL): `#id .class key="value" key=value`,
 * and names of attribute list definitions (ALDs, `{:name: .class}`) given in `references`.
 * Returns null when the text is not an attribute list, so callers can leave it as prose.
 */

export type AttributeList = Array<[name: string, value: string]>;

const PART = /\s*(?:#([\w-]+)|\.([\w-]+)|([A-Za-z_:][\w:.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))|([A-Za-z][\w-]*)(?=\s|$))/y;

export function parseAttributeList(source: string, references?: ReadonlyMap<string, AttributeList>): AttributeList | null {
  const attrs: AttributeList = [];
  const classes: string[] = [];
  PART.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    PART.lastIndex = position;
    const match = PART.exec(source);
    if (!match) return null;
    const [, id, className, key, doubleQuoted, singleQuoted, bare, reference] = match;
    if (reference !== undefined) {
      const defined = references?.get(reference);
      if (!defined) return null;
      for (const [name, value] of defined) {
        if (name === "class") classes.push(value);
        else attrs.push([name, value]);
      }
    } else if (id) attrs.push(["id", id]);
    else if (className) classes.push(className);
    else attrs.push([key!, doubleQuoted ?? singleQuoted ?? bare ?? ""]);
    position = PART.lastIndex;
  }
  if (classes.length > 0) attrs.push(["class", classes.join(" ")]);
  return attrs;
}

/** `{:target="new"}` or `{: .class}` (kramdown IAL); `{#id}` is kramdown's header-id shorthand. */
export const IAL_AT_START = /^\{:([^}\n]*)\}/;
export const IAL_ALONE = /^\{:([^}\n]*)\}$/;
/** `{:name: .class key="value"}`: an attribute list definition, which IALs name. */
export const ALD_ALONE = /^\{:([A-Za-z][\w-]*):\s*([^}\n]*)\}$/;
export const HEADER_ID_AT_END = /\s*\{(?::\s*)?(#[\w-]+[^}\n]*)\}\s*$/;
