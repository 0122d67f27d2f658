import path from "node:path";
import type { Finding } from "../checks/finding.ts";

/**
 * `--format github`: each finding as a GitHub Actions workflow command
 * (`::error file=…,line=…,col=…,title=…::message`), which Actions shows as an annotation on the
 * pull request's diff at that line. Escaped as the Actions toolkit does (@actions/core's
 * command.ts): `%`, CR and LF in the message; those and `:` `,` in a property's value too.
 */

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One finding as a workflow command. Actions resolves `file` from the repository's root (the
 * workflow's working folder), so a finding's path, relative to the site's folder, is made relative
 * to `cwd` (they differ with `--source`).
 */
export function workflowCommand(finding: Finding, siteRoot: string, cwd: string): string {
  const file = path.relative(cwd, path.resolve(siteRoot, finding.file)).split(path.sep).join("/");
  const properties = [`file=${file}`, `line=${finding.line}`, `col=${finding.column}`, `title=${finding.check}`];
  return `::${finding.severity} ${properties.map((property) => property.replace(/=(.*)$/s, (_, value: string) => `=${escapeProperty(value)}`)).join(",")}::${escapeData(finding.message)}`;
}

/** A failure that names no place (a usage mistake, a crashed run), as a workflow command. */
export function workflowError(message: string): string {
  return `::error::${escapeData(message)}`;
}
