/**
 * The site's Content-Security-Policy, as every page must carry it (_includes/layouts/base.html
 * and redirect.html put it in a `<meta>` of the head): scripts from the site itself only (and
 * Pagefind's WebAssembly), so that no HTML a page holds runs as the site's own.
 */

const ALLOWED_SCRIPT_SOURCES = new Set(["'self'", "'wasm-unsafe-eval'", "'none'"]);

/** Whether a policy allows no script but the site's own (`script-src`, else `default-src`). */
export function allowsOnlyOwnScripts(policy: string): boolean {
  const directives = new Map(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((words) => words[0] !== "")
      .map(([name, ...sources]) => [name!.toLowerCase(), sources.map((source) => source.toLowerCase())] as const),
  );
  const scripts = directives.get("script-src") ?? directives.get("default-src");
  return scripts !== undefined && scripts.length > 0 && scripts.every((source) => ALLOWED_SCRIPT_SOURCES.has(source));
}
