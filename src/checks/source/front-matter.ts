import type { z } from "zod";
import { oversizeMessage, type SourceKind } from "../../model/limits.ts";
import type { SiteModel, SourceFile, SourcePage } from "../../model/site-model.ts";
import { yamlErrorReason } from "../../model/yaml.ts";
import { locationAt, locationOfPath, type YamlPath, type YamlSource } from "../../model/yaml-positions.ts";
import { didYouMean, nearest } from "../../support/nearest.ts";
import { jekyllPageSchema, pageSchema, tutorialSchema } from "../../tutorial/schema.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * Front matter: YAML that parses, pages that follow the format (the zod schema in
 * src/tutorial/schema.ts), and the slips the schema lets through: misspelt keys and steps with
 * nothing in them.
 */

/**
 * Findings that make a page unrenderable: broken YAML, a page that breaks the format, a layout
 * that does not exist (`layouts`: the names in _includes/layouts/, with and without extension).
 * Those of check "redirects" (a bad redirect_from entry) are errors but leave the page renderable.
 */
export function frontMatterErrors(page: SourcePage, layouts?: ReadonlySet<string>, site: SchemaSite = NATIVE_SITE): Finding[] {
  if (page.oversize !== undefined) return [oversizeFinding(page, "page")];
  if (!page.frontMatter) {
    const start = { file: page.file, line: 1, column: 1 };
    if (/^---\s*\n/.test(page.text)) return [finding("yaml", "error", start, "front matter is not closed: add a line `---` after it")];
    // Without front matter Eleventy would publish the file as it is: no layout, no <title>, no
    // Content-Security-Policy, its HTML and scripts served as the site's own.
    return [finding("format", "error", start, `this page has no front matter: add front matter with a title and layout, like ${NO_FRONT_MATTER_EXAMPLE}`)];
  }
  const yamlErrors = yamlSyntaxFindings(page.frontMatter);
  if (yamlErrors.length > 0 && site.jekyll && site.strictFrontMatter === false) {
    // Jekyll logs it and builds the page without its front matter (model/read-jekyll-site.ts).
    const note =
      "; Jekyll builds the page without its front matter (no layout or title of its own): fix the YAML, or set strict_front_matter: true to stop here";
    return yamlErrors.map((found) => ({ ...found, severity: "warning", message: `${found.message}${note}` }));
  }
  if (yamlErrors.length > 0) return yamlErrors;
  if (!page.data) return jsYamlFinding(page.frontMatter);
  const schema = schemaFindings(page.frontMatter, page.data, site);
  return layouts ? [...schema, ...layoutErrors(page, layouts, site)] : schema;
}

/**
 * Which rules a page follows: this repository's pages follow its format; a Jekyll site's pages
 * only Jekyll's, except a tutorial on the built-in theme's tutorial layout (`themeTutorial`:
 * the site has no `tutorial` layout of its own), which follows the tutorial format.
 */
export interface SchemaSite {
  jekyll: boolean;
  themeTutorial: boolean;
  /** A Jekyll site's `theme:` (a gem theme, whose layouts this generator does not have). */
  gemTheme?: string;
  /** A Jekyll site's `strict_front_matter: true`: front matter that doesn't parse stops the build, as in Jekyll. */
  strictFrontMatter?: boolean;
}

const NATIVE_SITE: SchemaSite = { jekyll: false, themeTutorial: true };

export function schemaSiteOf(model: SiteModel): SchemaSite {
  const jekyll = model.kind === "jekyll";
  const theme = jekyll && typeof model.siteData.theme === "string" ? { gemTheme: model.siteData.theme } : {};
  return {
    jekyll,
    themeTutorial: model.layouts.some((layout) => layout.name === "tutorial" && layout.theme),
    ...theme,
    ...(jekyll ? { strictFrontMatter: model.siteData.strict_front_matter === true } : {}),
  };
}

function schemaOf(data: Record<string, unknown>, site: SchemaSite) {
  if (isTutorial(data) && site.themeTutorial) return tutorialSchema;
  return site.jekyll ? jekyllPageSchema : pageSchema;
}

const NO_FRONT_MATTER_EXAMPLE = "`---` / `title: Page title` / `layout: page` / `---` on the first lines";

/** A `layout:` that names no layout (for a page whose front matter parsed). */
export function layoutErrors(page: SourcePage, layouts: ReadonlySet<string>, site: SchemaSite = NATIVE_SITE): Finding[] {
  const source = page.frontMatter;
  const layout = page.data?.layout;
  // `none` (and null) is no layout, as in Jekyll.
  if (!source || typeof layout !== "string" || layouts.has(layout) || (site.jekyll && (layout === "none" || layout === ""))) return [];
  const names = [...layouts].filter((name) => !name.includes("."));
  const folder = site.jekyll ? "_layouts/ (nor in the built-in theme)" : "_includes/layouts/";
  const message = `layout "${layout}" does not exist in ${folder}${didYouMean(layout, names) || `; layouts: ${names.join(", ")}`}`;
  // Jekyll writes such a page without a layout (its build warns); a gem theme's layouts are not here.
  if (site.jekyll) {
    const built =
      jekyllFallbackLayout(site, layouts) === "page"
        ? `it may be one of the site's theme "${site.gemTheme}", which this generator does not have: the page is built with the built-in theme's page layout`
        : "the page is written without a layout, as Jekyll writes it";
    return [finding("format", "warning", locationOfPath(source, ["layout"]), `${message}; ${built}`)];
  }
  return [finding("format", "error", locationOfPath(source, ["layout"]), message)];
}

/** The layout a Jekyll site's page whose layout is missing is built with: the built-in theme's page under a gem theme, else none. */
export function jekyllFallbackLayout(site: SchemaSite, layouts: ReadonlySet<string>): "page" | "none" {
  return site.gemTheme !== undefined && layouts.has("page") ? "page" : "none";
}

/** A source file too large to read (see src/model/limits.ts), at its first line. */
export function oversizeFinding(file: SourceFile & { oversize?: number }, kind: SourceKind): Finding {
  return finding("size", "error", { file: file.file, line: 1, column: 1 }, oversizeMessage(kind, file.oversize ?? 0));
}

export function yamlSyntaxFindings(source: YamlSource): Finding[] {
  return source.errors.map((error) => {
    const message = error.message.replace(/\s+/g, " ").trim();
    return finding("yaml", "error", locationAt(source, error.pos[0]), error.limit ? message : `invalid YAML: ${message}`);
  });
}

/** Duplicate keys and further documents, which Jekyll reads without a word: warnings at their lines. */
export function yamlNoteFindings(source: YamlSource): Finding[] {
  return source.notes.map((note) => finding("yaml", "warning", locationAt(source, note.position), note.message));
}

/** The build's own YAML reader (js-yaml) refused what the positional parser accepted: its reason, at its place. */
export function jsYamlFinding(source: YamlSource, what = "front matter"): Finding[] {
  const reason = source.buildError === undefined ? "" : `: ${yamlErrorReason(source.buildError)}`;
  const at = locationAt(source, source.buildErrorPosition ?? 0);
  return [finding("yaml", "error", at, `invalid YAML: the build's YAML reader (js-yaml) cannot read this ${what}${reason}`)];
}

function isTutorial(data: Record<string, unknown>): boolean {
  return data.layout === "tutorial";
}

/** Whether the front matter follows the format for its layout (the tutorial's, or any page's). */
export function followsFormat(data: Record<string, unknown>, site: SchemaSite = NATIVE_SITE): boolean {
  return schemaOf(data, site).safeParse(data).success;
}

function schemaFindings(source: YamlSource, data: Record<string, unknown>, site: SchemaSite): Finding[] {
  const result = schemaOf(data, site).safeParse(data);
  if (result.success) return [];
  // A bad redirect_from entry is left out of the redirects (model/redirects.ts); the page still renders.
  return result.error.issues.map((issue) =>
    finding(issue.path[0] === "redirect_from" ? "redirects" : "format", "error", locationOfPath(source, issue.path as YamlPath), describeIssue(issue, data)),
  );
}

/** `steps[1].substeps[0].content` -> `step 2.1`; the thing the author sees numbered on the page. */
export function describeOwner(path: YamlPath): string {
  let owner = "";
  let number = "";
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const index = path[i + 1];
    if ((segment === "steps" || segment === "substeps" || segment === "sub-substeps") && typeof index === "number") {
      number = number === "" ? String(index + 1) : `${number}.${index + 1}`;
      owner = `step ${number}`;
      i++;
    } else if (segment === "requirements" && typeof index === "number") {
      owner = `requirement ${index + 1}`;
      i++;
    }
  }
  return owner;
}

function lastKey(path: YamlPath): string | undefined {
  const last = path[path.length - 1];
  return typeof last === "string" ? last : undefined;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  array: "a list",
  object: "a mapping (key: value lines)",
  boolean: "true or false",
  number: "a number",
};

export function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return `\`${value}\``;
  return typeof value;
}

function describeIssue(issue: z.core.$ZodIssue, data: Record<string, unknown>): string {
  const path = issue.path as YamlPath;
  const key = lastKey(path);
  const owner = describeOwner(path);
  const subject = key === undefined ? owner || "front matter" : owner ? `"${key}" of ${owner}` : `"${key}"`;
  const value = valueAt(data, path);
  if (issue.code === "invalid_type" && value === undefined) {
    if (key === undefined) return `${subject} is missing`;
    return owner ? `${owner} has no "${key}": every ${owner.split(" ")[0]} needs one` : `missing "${key}": every page needs one`;
  }
  if (issue.code === "invalid_type") {
    return `${subject} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
  }
  if (issue.code === "invalid_format" || issue.code === "custom") {
    const shown = typeof value === "string" ? ` "${value}"` : "";
    return issue.code === "custom" ? `${owner ? `${owner}: ` : ""}${issue.message}` : `${subject}${shown} ${issue.message}`;
  }
  if (issue.code === "invalid_value") return `${subject} must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
  return `${subject}: ${issue.message}`;
}

/** The keys an object schema knows, and what lies below each (for nested lists of steps). */
type Def = { type: string; innerType?: ZodLike; in?: ZodLike; element?: ZodLike; shape?: Record<string, ZodLike>; catchall?: ZodLike };
type ZodLike = { _zod: { def: Def } };

function unwrap(schema: ZodLike): ZodLike {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    if ((def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

function unknownKeyFindings(source: YamlSource, schema: ZodLike, value: unknown, path: YamlPath): Finding[] {
  const def = unwrap(schema)._zod.def;
  if (def.type === "array" && def.element && Array.isArray(value)) {
    return value.flatMap((item, i) => unknownKeyFindings(source, def.element!, item, [...path, i]));
  }
  if (def.type !== "object" || !def.shape || value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const known = Object.keys(def.shape);
  // Pages may carry any data of their own (the format keeps it); there, only a near miss is a slip.
  const openObject = def.catchall !== undefined && def.catchall._zod.def.type !== "never";
  const findings: Finding[] = [];
  for (const [key, child] of Object.entries(value)) {
    const schemaForKey = def.shape[key];
    if (schemaForKey) {
      findings.push(...unknownKeyFindings(source, schemaForKey, child, [...path, key]));
      continue;
    }
    const suggestion = nearest(key, known);
    if (openObject && suggestion === undefined) continue;
    const owner = describeOwner([...path, key]);
    const where = owner ? ` in ${owner}` : "";
    const hint = suggestion ? `; did you mean "${suggestion}"?` : `; known keys: ${known.join(", ")}`;
    findings.push(finding("format", "warning", locationOfPath(source, [...path, key]), `unknown key "${key}"${where}${hint}`));
  }
  return findings;
}

interface StepLike {
  content?: unknown;
  substeps?: unknown;
  "sub-substeps"?: unknown;
}

function emptyStepFindings(source: YamlSource, steps: unknown, path: YamlPath): Finding[] {
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((step: StepLike, i) => {
    if (!step || typeof step !== "object") return [];
    const stepPath = [...path, i];
    const children = step.substeps ?? step["sub-substeps"];
    const childKey = step.substeps !== undefined ? "substeps" : "sub-substeps";
    const nested = emptyStepFindings(source, children, [...stepPath, childKey]);
    const hasChildren = Array.isArray(children) && children.length > 0;
    const empty = step.content === null || (typeof step.content === "string" && step.content.trim() === "");
    // A step that only groups its substeps may have no text of its own.
    if (!empty || hasChildren) return nested;
    const message = `${describeOwner(stepPath)} has empty "content": readers get a heading with nothing under it`;
    return [finding("format", "warning", locationOfPath(source, [...stepPath, "content"]), message), ...nested];
  });
}

/** Warnings for a page whose front matter parsed. */
export function frontMatterWarnings(page: SourcePage, site: SchemaSite = NATIVE_SITE): Finding[] {
  if (!page.frontMatter || !page.data) return [];
  const chosen = schemaOf(page.data, site);
  const tutorial = chosen === tutorialSchema;
  // A Jekyll site's pages carry keys of their own; near misses of this site's keys are not slips there.
  const unknown = site.jekyll && !tutorial ? [] : unknownKeyFindings(page.frontMatter, chosen as unknown as ZodLike, page.data, []);
  return [...yamlNoteFindings(page.frontMatter), ...unknown, ...(tutorial ? emptyStepFindings(page.frontMatter, page.data.steps, ["steps"]) : [])];
}

/** Layout names a page may use: `_includes/layouts/page.html` is `page` (or `page.html`). */
export function layoutNames(model: SiteModel): Set<string> {
  return new Set(model.layouts.flatMap((layout) => [layout.name, layout.file.slice(layout.file.lastIndexOf("/") + 1)]));
}
