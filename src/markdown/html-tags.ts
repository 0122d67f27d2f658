/**
 * A small HTML tag scanner for kramdown's block HTML: finds tags (skipping comments) and the
 * closing tag that matches an element, counting nested elements as kramdown does (void elements
 * and `<x/>` have no body; a closing tag with no open element of its name is ignored).
 */

export interface HtmlTag {
  name: string;
  start: number;
  end: number;
  closing: boolean;
  selfClosing: boolean;
  /** Read only for the few tags that could hold `markdown=`: parsed at the first read. */
  readonly attributes: Map<string, string>;
}

const VOID = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));
const RAW_TEXT = new Set(["script", "style", "textarea", "pre"]);
const TAG = /<!--[\s\S]*?-->|<\/([A-Za-z][\w:-]*)\s*>|<([A-Za-z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) attributes.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? "");
  return attributes;
}

/** The first tag at or after `from`, or undefined. */
export function nextTag(html: string, from: number): HtmlTag | undefined {
  TAG.lastIndex = from;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    if (match[0].startsWith("<!--")) continue;
    const closing = match[1] !== undefined;
    const name = (match[1] ?? match[2])!.toLowerCase();
    const end = match.index + match[0].length;
    const source = match[3] ?? "";
    let attributes: Map<string, string> | undefined;
    return {
      name,
      start: match.index,
      end,
      closing,
      selfClosing: !closing && (match[4] === "/" || VOID.has(name)),
      get attributes() {
        attributes ??= attributesOf(source);
        return attributes;
      },
    };
  }
  return undefined;
}

/** Where the element `open` starts ends: its matching closing tag, or undefined when it has none. */
export function elementEnd(html: string, open: HtmlTag): { closeStart: number; closeEnd: number } | undefined {
  if (open.selfClosing) return { closeStart: open.end, closeEnd: open.end };
  if (RAW_TEXT.has(open.name)) {
    const close = new RegExp(`</${open.name}\\s*>`, "ig");
    close.lastIndex = open.end;
    const match = close.exec(html);
    return match ? { closeStart: match.index, closeEnd: match.index + match[0].length } : undefined;
  }
  const stack = [open.name];
  let from = open.end;
  for (let tag = nextTag(html, from); tag; tag = nextTag(html, from)) {
    from = tag.end;
    if (!tag.closing) {
      if (tag.selfClosing) continue;
      if (RAW_TEXT.has(tag.name)) {
        const inner = elementEnd(html, tag);
        if (!inner) return undefined;
        from = inner.closeEnd;
        continue;
      }
      stack.push(tag.name);
      continue;
    }
    const index = stack.lastIndexOf(tag.name);
    if (index < 0) continue;
    stack.length = index;
    if (stack.length === 0) return { closeStart: tag.start, closeEnd: tag.end };
  }
  return undefined;
}

/**
 * The closing tag of every element in `html`, by the offset of its opening tag: one pass, so
 * that finding the end of each HTML block costs nothing however many blocks never close (a
 * search per block would go over the rest of the page each time). Matched as elementEnd does.
 */
export function closingTags(html: string): Map<number, { closeStart: number; closeEnd: number }> {
  const closes = new Map<number, { closeStart: number; closeEnd: number }>();
  const stack: HtmlTag[] = [];
  let from = 0;
  for (let tag = nextTag(html, from); tag; tag = nextTag(html, from)) {
    from = tag.end;
    if (!tag.closing) {
      if (tag.selfClosing) closes.set(tag.start, { closeStart: tag.end, closeEnd: tag.end });
      else if (RAW_TEXT.has(tag.name)) {
        const end = elementEnd(html, tag);
        if (!end) break;
        closes.set(tag.start, end);
        from = end.closeEnd;
      } else stack.push(tag);
      continue;
    }
    let index = stack.length - 1;
    while (index >= 0 && stack[index]!.name !== tag.name) index--;
    if (index < 0) continue;
    closes.set(stack[index]!.start, { closeStart: tag.start, closeEnd: tag.end });
    stack.length = index;
  }
  return closes;
}
