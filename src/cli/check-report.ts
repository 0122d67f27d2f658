import { type Finding, formatFinding } from "../checks/finding.ts";
import type { PipelineResult } from "../pipeline/run-pipeline.ts";
import type { FailureReport } from "./report.ts";
import { workflowCommand, workflowError } from "./workflow-commands.ts";

/**
 * How `check` and `build` print findings: `text` (one `file:line:col: severity: message` line
 * each), `json` (one document on stdout), `github` (GitHub Actions workflow commands). Whatever the
 * format, stdout holds the findings alone; every human line goes to stderr.
 */

export const FORMATS = ["text", "json", "github"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  format: Format;
  strict: boolean;
  /** Without the summary line. */
  quiet: boolean;
  /** The site's folder (findings' paths are relative to it) and the working folder (GitHub's are relative to it). */
  root: string;
  cwd: string;
}

type Report = Pick<PipelineResult, "findings" | "errors" | "warnings" | "published">;

/** The format the arguments ask for, even when they are wrong otherwise (a usage error is printed in it too). */
export function requestedFormat(args: string[]): Format {
  for (let i = args.length - 1; i >= 0; i--) {
    const value = args[i]!.startsWith("--format=") ? args[i]!.slice("--format=".length) : args[i] === "--format" ? args[i + 1] : undefined;
    if (value !== undefined) return (FORMATS as readonly string[]).includes(value) ? (value as Format) : "text";
  }
  return "text";
}

export function findingsAsJson(result: Report): string {
  const { findings, errors, warnings, published } = result;
  return JSON.stringify({ errors, warnings, published, findings }, null, 2);
}

/** A failure as one error finding with what is known of it (its file, else ""; its position, else 1:1). */
export function failureFinding(failure: FailureReport, check: string): Finding {
  return {
    file: failure.file ?? "",
    line: failure.line ?? 1,
    column: failure.column ?? 1,
    severity: "error",
    check,
    message: failure.messages.join("; caused by: "),
  };
}

export function failureAsJson(failure: FailureReport, check: string): string {
  return findingsAsJson({ errors: 1, warnings: 0, published: false, findings: [failureFinding(failure, check)] });
}

function githubLine(finding: Finding, options: ReportOptions): string {
  return finding.file === "" ? workflowError(finding.message) : workflowCommand(finding, options.root, options.cwd);
}

/** A run that failed before it had findings (a usage mistake, a crash), in the requested format. */
export function printFailure(failure: FailureReport, check: string, options: Pick<ReportOptions, "format" | "root" | "cwd">, text: string): void {
  if (options.format === "json") console.log(failureAsJson(failure, check));
  else if (options.format === "github") console.log(githubLine(failureFinding(failure, check), { ...options, strict: false, quiet: false }));
  if (options.format !== "json") console.error(text);
}

export function summaryLine(findings: Finding[], errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return findings.length === 0 ? "no problems found" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/** Prints the findings (stdout) and the summary (stderr); returns the exit code. */
export function printFindings(result: Report, options: ReportOptions): number {
  if (options.format === "json") console.log(findingsAsJson(result));
  else {
    for (const f of result.findings) console.log(options.format === "github" ? githubLine(f, options) : formatFinding(f));
    if (!options.quiet || result.findings.length > 0) console.error(summaryLine(result.findings, result.errors, result.warnings));
  }
  return result.errors > 0 || (options.strict && result.warnings > 0) ? 1 : 0;
}
