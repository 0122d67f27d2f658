import { isUtf8 } from "node:buffer";

/**
 * The author's files are UTF-8 text. Node's decoder turns bytes that are not UTF-8 into U+FFFD
 * without a word, and the build would publish the replacement characters; a NUL byte is no text
 * at all (a file saved as UTF-16, or binary). Both are errors, at the first such place.
 */

export interface InvalidUtf8 {
  /** Where the first byte that is not UTF-8 is, as an index into the decoded text (a U+FFFD there). */
  index: number;
  /** That byte (and what follows it, for a broken sequence), as the message shows it. */
  bytes: string;
  /** The file starts with UTF-16's byte-order mark. */
  utf16: boolean;
}

export function decodeUtf8(bytes: Buffer): { text: string; invalidUtf8?: InvalidUtf8 } {
  const text = bytes.toString("utf8");
  if (isUtf8(bytes)) return { text };
  const index = firstReplacement(bytes, text);
  const byteOffset = Buffer.byteLength(text.slice(0, index));
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return { text, invalidUtf8: { index, bytes: describeBytes(bytes, byteOffset), utf16 } };
}

/** The first U+FFFD of `text` that the file's bytes do not spell as one (EF BF BD). */
function firstReplacement(bytes: Buffer, text: string): number {
  let byteOffset = 0;
  let counted = 0;
  for (let at = text.indexOf("\uFFFD"); at >= 0; at = text.indexOf("\uFFFD", at + 1)) {
    // All text before `at` decoded faithfully, so its UTF-8 length is its length in the file.
    byteOffset += Buffer.byteLength(text.slice(counted, at));
    counted = at;
    if (bytes[byteOffset] !== 0xef || bytes[byteOffset + 1] !== 0xbf || bytes[byteOffset + 2] !== 0xbd) return at;
  }
  return text.length;
}

const WINDOWS_1252 = new TextDecoder("windows-1252");

/** `0xE9 ("é" in Windows-1252)`, `0xC3 0x28`: the bad byte, with the rest of a broken sequence. */
function describeBytes(bytes: Buffer, byteOffset: number): string {
  const first = bytes[byteOffset] ?? 0;
  // A lead byte announces up to three more; a stray byte stands alone.
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  const shown = [...bytes.subarray(byteOffset, byteOffset + length)].map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`);
  const nextIsContinuation = length > 1 && ((bytes[byteOffset + 1] ?? 0) & 0xc0) === 0x80;
  const reading = first >= 0x80 && !nextIsContinuation ? ` ("${WINDOWS_1252.decode(Uint8Array.of(first))}" in Windows-1252)` : "";
  return `${(nextIsContinuation ? shown : shown.slice(0, 1)).join(" ")}${reading}`;
}
