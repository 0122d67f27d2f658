import path from "node:path";

/**
 * Turns a build failure into what an author can act on: Eleventy wraps the real error (a
 * Liquid error with its file and line, a YAML error, ...) in several layers; show the
 * innermost messages, not a stack trace.
 */

export interface FailureReport {
  /** The outermost message first, then each cause's. */
  messages: string[];
  /** The file it names, relative to the site root, when one does (a file that could not be read). */
  file?: string;
  /** 1-based, when the error has a position (a YAML parser's mark). */
  line?: number;
  column?: number;
}

type Layer = Error & { originalError?: unknown; path?: unknown; mark?: { line?: unknown; column?: unknown } };

export function describeFailure(error: unknown, root: string): FailureReport {
  const report: FailureReport = { messages: [] };
  let current: unknown = error;
  while (current instanceof Error) {
    const layer = current as Layer;
    if (!report.messages.includes(layer.message)) report.messages.push(layer.message);
    if (report.file === undefined && typeof layer.path === "string") {
      const relative = path.relative(root, path.resolve(root, layer.path));
      report.file = relative.startsWith("..") ? layer.path : relative.split(path.sep).join("/");
    }
    if (report.line === undefined && typeof layer.mark?.line === "number" && typeof layer.mark.column === "number") {
      report.line = layer.mark.line + 1;
      report.column = layer.mark.column + 1;
    }
    current = layer.originalError ?? layer.cause;
  }
  if (report.messages.length === 0) report.messages.push(String(error));
  return report;
}

/** The failure as the terminal shows it: `error: <message>`, then each cause. */
export function failureText(report: FailureReport): string {
  return `error: ${report.messages.join("\n  caused by: ")}`;
}

/** Prints a failure on stderr; returns the exit code. */
export function reportFailure(error: unknown): number {
  console.error(failureText(describeFailure(error, process.cwd())));
  return 1;
}
