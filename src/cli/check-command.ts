import path from "node:path";
import type { PipelineOptions } from "../pipeline/run-pipeline.ts";
import { type CommandSpec, HELP_OPTION, type OptionSpecs, type ParsedArgs, SOURCE_OPTIONS, UsageError } from "./args.ts";
import { FORMATS, type Format, type ReportOptions } from "./check-report.ts";
import { destinationOf } from "./destination-option.ts";

/** `stitch-docs check` and `stitch-docs build`: the same checks and options; build also publishes. */
const SHARED: OptionSpecs = {
  strict: { type: "boolean", description: "warnings fail too (exit code 1)" },
  format: { type: "string", value: "FORMAT", choices: FORMATS, description: "how findings are printed on stdout: text (the default), json or github" },
  drafts: { type: "boolean", description: "include pages with `published: false`, marked as drafts" },
  ...SOURCE_OPTIONS,
  quiet: { type: "boolean", short: "q", description: "no progress and no summary line: findings and errors only" },
};

const FORMAT_NOTES = [
  "formats: text, one `file:line:col: severity: message` line per finding; json, one document",
  "  { errors, warnings, published, findings: [{ file, line, column, severity, check, message }] };",
  "  github, GitHub Actions workflow commands (::error file=…,line=…,col=…::message), shown on the pull request.",
  "stdout holds the findings alone; progress and every other line go to stderr. Through npm, use `npm run -s`.",
  "exit codes: 0 no errors, 1 errors (or warnings with --strict) or a failed run, 2 a mistake in the arguments.",
];

export const checkSpec: CommandSpec = {
  name: "check",
  summary: "Checks the site and reports every problem, located in your files; publishes nothing.",
  options: { ...SHARED, watch: { type: "boolean", short: "w", description: "check again after each save, until Ctrl+C" }, ...HELP_OPTION },
  notes: FORMAT_NOTES,
};

export const buildSpec: CommandSpec = {
  name: "build",
  summary:
    "Checks the site and builds it into the destination (_site/ in the site's folder, or --destination), which is replaced only when there are no errors.",
  options: { ...SHARED, ...HELP_OPTION },
  notes: FORMAT_NOTES,
};

/** Runs `check` or `build` with these arguments; returns the exit code. A mistake in them throws a UsageError. */
export async function checkCommand({ values }: ParsedArgs, publish: boolean): Promise<number> {
  const cwd = process.cwd();
  const root = path.resolve(cwd, (values.source as string | undefined) ?? ".");
  const outputDir = destinationOf(root, values.destination as string | undefined, cwd);
  const format = (values.format as Format | undefined) ?? "text";
  if (values.watch && format !== "text") throw new UsageError(`--watch prints findings as text; it can't be used with --format ${format}`);
  const pipeline: PipelineOptions = {
    root,
    publish,
    strict: values.strict === true,
    drafts: values.drafts === true,
    outputDir,
  };
  const report: ReportOptions = { format, strict: values.strict === true, quiet: values.quiet === true, root, cwd };
  if (values.watch) {
    const { watchChecks } = await import("./watch-checks.ts");
    return watchChecks(pipeline, report);
  }
  // Loaded only now: `--help` and a usage mistake never load the build.
  const { runChecks } = await import("./run-checks.ts");
  return runChecks(pipeline, report);
}
