/**
 * Header ids exactly as Jekyll's kramdown (GFM input) makes them, since other pages link to them:
 * the header's text (typographic characters included) lowercased, every character that is not a
 * letter, mark, digit, `_`, `-`, space or tab removed, spaces and tabs turned into hyphens. So `_`
 * and accented letters stay, `&` between spaces leaves `--`, a leading digit stays.
 */

const NOT_ID_CHARACTER = /[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu;

export function headingSlug(text: string): string {
  return text.toLowerCase().replace(NOT_ID_CHARACTER, "").replace(/[ \t]/g, "-");
}

/**
 * A title as a URL path segment (new tutorials' file names and permalinks): ASCII letters, digits
 * and hyphens only, which every host, file system and `_redirects` line takes as written.
 */
export function urlSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .replace(/^[^a-z]+/, "");
  return slug === "" ? "section" : slug;
}
