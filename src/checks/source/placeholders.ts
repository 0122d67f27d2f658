import { PLACEHOLDER_TEXTS } from "../../authoring/new-tutorial.ts";
import type { SiteModel } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * `npm run new` starts a tutorial with placeholder sentences that check clean, so that the page
 * builds while it is written; one still there when the page is built would go live. Each is a
 * warning at its line (drafts are checked only when the build includes them).
 */

export function checkPlaceholders(model: SiteModel): Finding[] {
  const findings: Finding[] = [];
  for (const page of model.pages) {
    for (const text of PLACEHOLDER_TEXTS) {
      for (let offset = page.text.indexOf(text); offset >= 0; offset = page.text.indexOf(text, offset + text.length)) {
        const before = page.text.slice(0, offset);
        const line = before.split("\n").length;
        const column = offset - before.lastIndexOf("\n");
        const message = `placeholder text from npm run new: "${text}": replace it with the tutorial's own text`;
        findings.push(finding("placeholder", "warning", { file: page.file, line, column }, message));
      }
    }
  }
  return findings;
}
