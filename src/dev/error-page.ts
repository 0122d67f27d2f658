import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { type Finding, formatFinding } from "../checks/finding.ts";
import { escapeHtml } from "../support/html.ts";

/**
 * What the browser shows while the site has errors: every finding as the terminal prints it,
 * with the lines of the author's file around it. Reloads itself when a later build succeeds.
 */

/** The file a finding names, if it really lies below the site's root (a symlink may lead out). */
function siteFileText(root: string, file: string): string | undefined {
  try {
    const real = realpathSync(path.join(root, file));
    return real.startsWith(realpathSync(root) + path.sep) ? readFileSync(real, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

function excerpt(root: string, f: Finding): string {
  const text = siteFileText(root, f.file);
  if (text === undefined) return "";
  const lines = text.split("\n");
  const first = Math.max(1, f.line - 2);
  const last = Math.min(lines.length, f.line + 2);
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const mark = n === f.line ? ' class="at"' : "";
    rows.push(`<span${mark}>${String(n).padStart(4)} | ${escapeHtml(lines[n - 1] ?? "")}</span>`);
  }
  return `<pre class="excerpt">${rows.join("\n")}</pre>`;
}

/** `reloadScript`: the tag that loads the live-reload client. */
export function errorPage(root: string, findings: Finding[], reloadScript: string): string {
  const errors = findings.filter((f) => f.severity === "error");
  const items = findings.map((f) => `<li class="${f.severity}"><code>${escapeHtml(formatFinding(f))}</code>${excerpt(root, f)}</li>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Build failed: ${errors.length} error${errors.length === 1 ? "" : "s"}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #222; }
h1 { color: #b00020; font-size: 1.4rem; }
li { margin-bottom: 1.2rem; }
li.warning code { color: #8a5a00; }
li.error code { color: #b00020; }
pre.excerpt { background: #f6f6f6; padding: .5rem; overflow-x: auto; }
pre.excerpt .at { background: #ffe3e3; display: inline-block; width: 100%; }
</style>
</head>
<body>
<main id="build-errors">
<h1>Build failed: ${errors.length} error${errors.length === 1 ? "" : "s"}</h1>
<p>The site was not updated. Fix the files below and save: this page reloads by itself.</p>
<ol>
${items}
</ol>
</main>
${reloadScript}
</body>
</html>
`;
}
