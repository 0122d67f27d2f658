/**
 * The text of a rule block, with the places that name the port kept apart: the page marks them
 * (so a script can put the reader's port in), while tests and tools read the plain text.
 */

export interface PortSpot {
  readonly port: number;
}

export type Snippet = ReadonlyArray<string | PortSpot>;

export const portSpot = (port: number): PortSpot => ({ port });

type Part = string | number | PortSpot | Snippet;

function flatten(part: Part): Array<string | PortSpot> {
  if (Array.isArray(part)) return part.flatMap((inner: string | PortSpot) => flatten(inner));
  if (typeof part === "number") return [String(part)];
  return [part as string | PortSpot];
}

/** Tagged template: snippet`... port ${spot}` keeps `spot` (and spots of nested snippets) apart. */
export function snippet(strings: TemplateStringsArray, ...values: Part[]): Snippet {
  const parts: Array<string | PortSpot> = [strings[0]!];
  values.forEach((value, i) => parts.push(...flatten(value), strings[i + 1]!));
  return parts.filter((part) => part !== "");
}

/** Snippets one after another, `separator` (e.g. a newline) between them. */
export function joinSnippets(snippets: readonly Snippet[], separator: string): Snippet {
  return snippets.flatMap((part, i) => (i === 0 ? [...part] : [separator, ...part]));
}

export function snippetText(parts: Snippet): string {
  return parts.map((part) => (typeof part === "string" ? part : String(part.port))).join("");
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** HTML for inside a `<code>`: the text escaped, each port in `<span data-firewall-port>`. */
export function snippetHtml(parts: Snippet): string {
  return parts.map((part) => (typeof part === "string" ? escapeHtml(part) : `<span class="firewall-port" data-firewall-port>${part.port}</span>`)).join("");
}
