/**
 * A finding: one mistake an author must fix (error) or should look at (warning), located in the
 * author's own file. Every check returns findings; the CLI prints them in the format editors and
 * CI annotate: `path:line:col: error: message`.
 */

export type Severity = "error" | "warning";

export interface Finding {
  /** Path relative to the site root, with `/` separators: `content/common/x.md`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  /** The check that found it (`liquid`, `links`, `mojibake`, ...). */
  check: string;
  message: string;
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

/**
 * The severity of a fault Jekyll publishes as it is (a broken link, syntax left as text, an
 * unreadable image): a warning in a Jekyll site, which must build as it did (`--strict` fails
 * on it); an error in this repository's own site, which publishes no such page.
 */
export function publishedAsIs(site: { kind: "native" | "jekyll" }): Severity {
  return site.kind === "jekyll" ? "warning" : "error";
}

export function finding(check: string, severity: Severity, at: Location, message: string): Finding {
  return { file: at.file, line: at.line, column: at.column, severity, check, message };
}

/** By file, then line, then column; duplicates (same place and message) removed. */
export function sortFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.file}\0${f.line}\0${f.column}\0${f.severity}\0${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    );
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`;
}

export function countBySeverity(findings: Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}

/** Whether these findings fail a build or a check run (`strict`: warnings too). */
export function isFailing(findings: Finding[], strict = false): boolean {
  return findings.some((f) => f.severity === "error" || strict);
}
