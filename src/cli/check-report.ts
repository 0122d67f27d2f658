import { type Finding, formatFinding } from "../checks/finding.ts";
import type { PipelineResult } from "../pipeline/run-pipeline.ts";
import type { FailureReport } from "./report.ts";

/** Shared by `npm run check` and `npm run build`: their options and how findings are printed. */
export interface CheckCliOptions {
  strict: boolean;
  format: "text" | "json";
  /** Jekyll's `--source`/`-s`: the site's folder (default: the working folder). */
  source?: string;
  /** Jekyll's `--destination`/`-d`: the output folder (default: `<source>/_site`). */
  destination?: string;
}

/** Jekyll's own flags for where the site is and where it goes: `--source DIR` (`-s`), `--destination DIR` (`-d`), or `--flag=DIR`. */
export function parseSiteFolderArg(args: string[], i: number): { key: "source" | "destination"; value: string | undefined; next: number } | undefined {
  const arg = args[i]!;
  const match = /^(--source|-s|--destination|-d)(?:=(.*))?$/.exec(arg);
  if (!match) return undefined;
  const key = match[1] === "--source" || match[1] === "-s" ? "source" : "destination";
  if (match[2] !== undefined) return { key, value: match[2], next: i };
  return { key, value: args[i + 1], next: i + 1 };
}

export function parseCheckArgs(args: string[]): CheckCliOptions | string {
  const options: CheckCliOptions = { strict: false, format: "text" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const folder = parseSiteFolderArg(args, i);
    if (folder) {
      if (folder.value === undefined || folder.value === "") return `--${folder.key} needs a folder`;
      options[folder.key] = folder.value;
      i = folder.next;
    } else if (arg === "--strict") options.strict = true;
    else if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice("--format=".length) : args[++i];
      if (value !== "text" && value !== "json") return `--format must be "text" or "json", not ${JSON.stringify(value)}`;
      options.format = value;
    } else return `unknown option ${arg} (options: --strict, --format text|json, --source DIR, --destination DIR)`;
  }
  return options;
}

/** Whether the arguments ask for JSON, even when they are wrong otherwise (the error is JSON too). */
export function wantsJson(args: string[]): boolean {
  return args.some((arg, i) => arg === "--format=json" || (arg === "--format" && args[i + 1] === "json"));
}

export function findingsAsJson(result: Pick<PipelineResult, "findings" | "errors" | "warnings" | "published">): string {
  const { findings, errors, warnings, published } = result;
  return JSON.stringify({ errors, warnings, published, findings }, null, 2);
}

/**
 * A run that failed as the report tools read: one error finding with what is known of it (the
 * file it names, if any, else "" for no file; the position, if it has one, else 1:1).
 */
export function failureAsJson(failure: FailureReport, check: string): string {
  const finding: Finding = {
    file: failure.file ?? "",
    line: failure.line ?? 1,
    column: failure.column ?? 1,
    severity: "error",
    check,
    message: failure.messages.join("; caused by: "),
  };
  return findingsAsJson({ errors: 1, warnings: 0, published: false, findings: [finding] });
}

export function summaryLine(findings: Finding[], errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return findings.length === 0 ? "no problems found" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/** Prints the findings (stdout: one per line, or JSON) and returns the exit code. */
export function printFindings(result: Pick<PipelineResult, "findings" | "errors" | "warnings" | "published">, options: CheckCliOptions): number {
  if (options.format === "json") console.log(findingsAsJson(result));
  else {
    for (const f of result.findings) console.log(formatFinding(f));
    console.error(summaryLine(result.findings, result.errors, result.warnings));
  }
  return result.errors > 0 || (options.strict && result.warnings > 0) ? 1 : 0;
}
