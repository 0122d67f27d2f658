import type { SiteModel, SourceFile } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";
import { locationOf } from "../locate-text.ts";

/** Files that are not UTF-8 text (see src/model/text-encoding.ts): an error at the first bad byte. */
export function textEncodingFindings(file: SourceFile): Finding[] {
  const { invalidUtf8 } = file;
  if (invalidUtf8?.utf16) {
    return [
      finding(
        "encoding",
        "error",
        { file: file.file, line: 1, column: 1 },
        "the file is saved as UTF-16 (it starts with UTF-16's byte-order mark); save it as UTF-8",
      ),
    ];
  }
  const findings: Finding[] = [];
  if (invalidUtf8) {
    const message = `invalid UTF-8: byte ${invalidUtf8.bytes} is not UTF-8 text (the file was saved in another encoding, or is not text); save the file as UTF-8`;
    findings.push(finding("encoding", "error", locationOf(file, invalidUtf8.index), message));
  }
  const nul = file.text.indexOf("\0");
  if (nul >= 0) {
    const more = file.text.split("\0").length - 2;
    const message = `NUL byte (U+0000)${more > 0 ? ` (and ${more} more)` : ""}: text has none (the file may be binary, or saved as UTF-16); remove it, or save the file as UTF-8`;
    findings.push(finding("encoding", "error", locationOf(file, nul), message));
  }
  return findings;
}

export function checkTextEncoding(source: SiteModel): Finding[] {
  return [...source.pages, ...source.dataFiles, ...source.includes].flatMap(textEncodingFindings);
}
