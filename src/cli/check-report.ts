import { formatFinding, type Finding } from "../checks/finding.ts";
import type { CheckSiteResult } from "../checks/check-site.ts";

/** Shared by `npm run check` and `npm run build`: their options and how findings are printed. */
export interface CheckCliOptions {
  strict: boolean;
  format: "text" | "json";
}

export function parseCheckArgs(args: string[]): CheckCliOptions | string {
  const options: CheckCliOptions = { strict: false, format: "text" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--strict") options.strict = true;
    else if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice("--format=".length) : args[++i];
      if (value !== "text" && value !== "json") return `--format must be "text" or "json", not ${JSON.stringify(value)}`;
      options.format = value;
    } else return `unknown option ${arg} (options: --strict, --format text|json)`;
  }
  return options;
}

export function findingsAsJson(result: CheckSiteResult): string {
  const { findings, errors, warnings, published } = result;
  return JSON.stringify({ errors, warnings, published, findings }, null, 2);
}

export function summaryLine(findings: Finding[], errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return findings.length === 0 ? "no problems found" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/** Prints the findings (stdout: one per line, or JSON) and returns the exit code. */
export function printFindings(result: CheckSiteResult, options: CheckCliOptions): number {
  if (options.format === "json") console.log(findingsAsJson(result));
  else {
    for (const f of result.findings) console.log(formatFinding(f));
    console.error(summaryLine(result.findings, result.errors, result.warnings));
  }
  return result.errors > 0 || (options.strict && result.warnings > 0) ? 1 : 0;
}
