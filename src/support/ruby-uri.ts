/**
 * Addressable's URI helpers as Jekyll's plugins use them: `normalize_component` (Jekyll's
 * `uri_escape` filter: escapes decoded, text NFKC-normalized, everything but reserved and
 * unreserved characters percent-encoded, so `%20` stays `%20` and a space becomes one) and
 * whether a text is an absolute URL (has a scheme). LiquidJS's `uri_escape` is encodeURI, which
 * encodes `%` again.
 */

/** Addressable's RESERVED + UNRESERVED character classes. */
const KEPT = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;
const ESCAPE = /%([0-9A-Fa-f]{2})/g;

/** Addressable::URI.normalize_component with its default character class. */
export function normalizeUriComponent(text: string): string {
  // unencode_component works on bytes: each %XX becomes its byte, whatever it decodes to.
  const bytes: number[] = [];
  let last = 0;
  for (const match of text.matchAll(ESCAPE)) {
    bytes.push(...Buffer.from(text.slice(last, match.index), "utf8"), Number.parseInt(match[1]!, 16));
    last = match.index + match[0].length;
  }
  bytes.push(...Buffer.from(text.slice(last), "utf8"));
  let decoded = Buffer.from(bytes);
  try {
    decoded = Buffer.from(new TextDecoder("utf-8", { fatal: true }).decode(decoded).normalize("NFKC"), "utf8");
  } catch {
    // Not UTF-8: Addressable encodes the bytes as they are.
  }
  let encoded = "";
  for (const byte of decoded) {
    const char = String.fromCharCode(byte);
    encoded += byte < 0x80 && KEPT.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/**
 * Addressable::URI.parse(text).absolute?: true with a scheme, false without, undefined where
 * Addressable refuses the text (a scheme that is not one: `1x:y`).
 */
export function isAbsoluteUrl(text: string): boolean | undefined {
  const scheme = /^([^:/?#]+):/.exec(text)?.[1];
  if (scheme === undefined) return false;
  return /^[a-z][a-z0-9+.-]*$/i.test(scheme) ? true : undefined;
}
