import type { SiteModel, SourceFile } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * Mojibake: UTF-8 text that was once decoded as Windows-1252 (`isnâ€™t` for `isn’t`). Each
 * UTF-8 sequence became a lead character (Â..ô) followed by one to three continuation characters;
 * re-encoding such a run as Windows-1252 and decoding it as UTF-8 gives the intended text back.
 */

/** Windows-1252's 0x80..0x9F; the rest of its range is Latin-1 (code point = byte). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const BYTE_OF = new Map<string, number>();
for (let byte = 0xa0; byte <= 0xff; byte++) BYTE_OF.set(String.fromCharCode(byte), byte);
[...CP1252_HIGH].forEach((char, i) => BYTE_OF.set(char, 0x80 + i));

const CONTINUATION = `[\\u00A0-\\u00BF${CP1252_HIGH}]`;
/** A lead byte's character with exactly as many continuation characters as it announces. */
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|[\\u00F0-\\u00F4]${CONTINUATION}{3}`, "gu");
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The text a mojibake run stood for, or undefined when the run is not valid UTF-8 after all. */
export function repairMojibake(run: string): string | undefined {
  const bytes = [...run].map((char) => BYTE_OF.get(char));
  if (bytes.some((byte) => byte === undefined)) return undefined;
  try {
    return utf8.decode(Uint8Array.from(bytes as number[]));
  } catch {
    return undefined;
  }
}

export function mojibakeFindings(file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  if (!/[\u00C2-\u00F4]/.test(file.text)) return findings;
  file.text.split("\n").forEach((line, index) => {
    for (const match of line.matchAll(MOJIBAKE)) {
      if (repairMojibake(match[0]) === undefined) continue;
      // Show the whole word around the run, as written and as intended.
      const start = line.slice(0, match.index).search(/\S*$/);
      const end = match.index + match[0].length + /^\S*/.exec(line.slice(match.index + match[0].length))![0].length;
      const word = line.slice(start, end);
      const message = `mojibake "${word}": probably "${fixWord(word)}" (UTF-8 text that was decoded as Windows-1252); retype the character`;
      findings.push(finding("mojibake", "warning", { file: file.file, line: index + 1, column: match.index + 1 }, message));
    }
  });
  return findings;
}

function fixWord(word: string): string {
  return word.replace(MOJIBAKE, (run) => repairMojibake(run) ?? run);
}

export function checkMojibake(source: SiteModel): Finding[] {
  return [...source.pages, ...source.dataFiles, ...source.includes].flatMap(mojibakeFindings);
}
