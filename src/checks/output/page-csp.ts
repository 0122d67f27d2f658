import path from "node:path";
import { Parser } from "htmlparser2";
import type { BuildingSite } from "../../render/run-eleventy.ts";
import { finding, type Finding } from "../finding.ts";
import type { SiteSource } from "../../model/read-site.ts";
import { locationOfPath } from "../../model/yaml-positions.ts";

/**
 * Every HTML page the build writes carries the site's Content-Security-Policy: a `<meta>` in its
 * head, before anything it loads, allowing only the site's own scripts. The layouts put it there
 * (_includes/layouts/base.html, redirect.html); a page that reaches the output without it (a
 * layout of its own that leaves it out) would run whatever HTML it holds as the site's own. The
 * page is reported at its `layout:` line.
 */

/** Script sources a policy may allow: the site's own files, and Pagefind's WebAssembly. */
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

/** Whether the page's head has such a policy before any script, style sheet or `<base>`. */
export function hasContentSecurityPolicy(html: string): boolean {
  // The head ends at `</head>` or where the body starts; the policy covers only what follows it.
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  if (headEnd < 0) return false;
  let verdict: boolean | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (verdict !== undefined) return;
        if (name === "meta" && attributes["http-equiv"]?.toLowerCase() === "content-security-policy") {
          verdict = allowsOnlyOwnScripts(attributes.content ?? "");
        } else if (name === "script" || name === "link" || name === "style" || name === "base") {
          verdict = false;
        }
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.end(html.slice(0, headEnd));
  return verdict === true;
}

/** Watches a build's pages as they are written; `findings` names those without the policy. */
export class PagePolicyCheck {
  private readonly missing: Array<{ inputPath: string; url: string }> = [];

  readonly configure = (site: BuildingSite): void => {
    site.pages.onPage((page) => {
      if (page.outputPath.endsWith(".html") && !hasContentSecurityPolicy(page.content)) this.missing.push({ inputPath: page.inputPath, url: page.url });
    });
  };

  findings(source: SiteSource): Finding[] {
    return this.missing.map(({ inputPath, url }) => {
      const page = source.pages.find((candidate) => candidate.absolutePath === path.resolve(inputPath));
      const layout = page?.data?.layout;
      const at =
        page?.frontMatter && page.data?.layout !== undefined
          ? locationOfPath(page.frontMatter, ["layout"])
          : { file: page?.file ?? path.relative(source.root, path.resolve(inputPath)).split(path.sep).join("/"), line: 1, column: 1 };
      const message =
        `the page ${url} has no Content-Security-Policy in its <head> that allows only the site's own scripts` +
        `${typeof layout === "string" ? ` (layout "${layout}")` : ""}: every page needs a layout built on _includes/layouts/base.html, which carries it`;
      return finding("page-policy", "error", at, message);
    });
  }
}
