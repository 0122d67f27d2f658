import { z } from "zod";
import { headingSlug } from "../markdown/slug.ts";
import { pageUrlProblem, urlPathProblem } from "../model/url-paths.ts";

/**
 * The tutorial format (TUTORIAL-FORMAT.md) as one schema: validation, the TypeScript types and
 * the checks' "unknown key" suggestions all come from here.
 */

const markdown = z.string();

/** A step's text; `content:` left empty (YAML null) is empty text, which the checks warn about. */
const stepContent = z
  .string()
  .nullable()
  .transform((text) => text ?? "");

/**
 * Anchors are the page's public interface (`#verify-database-vpc`), so they must work as an HTML
 * id and in a URL fragment as written: kramdown's style, a letter, then letters, digits, `-`, `_`.
 */
export const ANCHOR_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

const anchor = z.string().regex(ANCHOR_PATTERN, "is not a valid anchor: use a letter, then letters, digits, `-` or `_` (no spaces or `#`)");

export const subSubstepSchema = z.object({
  title: z.string(),
  anchor: anchor.optional(),
  content: stepContent,
});

export const substepSchema = z.object({
  title: z.string(),
  anchor: anchor.optional(),
  content: stepContent,
  "sub-substeps": z.array(subSubstepSchema).optional(),
});

export const stepSchema = z.object({
  title: z.string(),
  anchor: anchor.optional(),
  content: stepContent,
  substeps: z.array(substepSchema).optional(),
});

/**
 * A site path (src/model/url-paths.ts says which): the message names the key, shows the value as
 * written (escaped, so that a line break shows as `\n`) and says what is wrong with it.
 */
const sitePath = (key: string, problemOf: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${key} ${JSON.stringify(value)} is not a valid URL path: ${problem}` });
  });

const permalink = sitePath("permalink", pageUrlProblem);
const redirectFrom = sitePath("redirect_from", urlPathProblem);

export const requirementSchema = z.object({ item: markdown });

/** Keys every page may carry, tutorial or not. */
export const pageSchema = z
  .object({
    title: z.string(),
    permalink: permalink.optional(),
    summary: z.string().nullable().optional(),
    /** Required: the layouts give a page the site's frame and its Content-Security-Policy. */
    layout: z.string(),
    redirect_from: z.union([redirectFrom, z.array(redirectFrom)]).optional(),
    input: z.boolean().optional(),
    "use-tutorial-sidebar": z.boolean().optional(),
    weight: z.number().optional(),
    ssh: z.boolean().optional(),
    amazon: z.boolean().optional(),
    /** `false` keeps a page out of the sitemap and search engines (404, search page). */
    sitemap: z.boolean().optional(),
    /** `false` keeps a page out of the site's search index. */
    search: z.boolean().optional(),
    /** `false` makes the page a draft: not built, listed or linked, unless the build includes drafts. */
    published: z.boolean().optional(),
  })
  .passthrough();

/**
 * A page of a Jekyll site tree (`--source`): Jekyll needs no title or layout (`layout: null` is
 * none) and reads any value of the keys this site gives meaning to; only the keys the build acts
 * on (where a page and its redirects are written, whether it is in the sitemap) are checked.
 */
export const jekyllPageSchema = pageSchema.extend({
  // A pattern (`/guides/:title/`): the URL it gives is checked (src/checks/source/output-paths.ts).
  permalink: z.string().optional(),
  title: z.unknown().optional(),
  summary: z.unknown().optional(),
  layout: z.string().nullable().optional(),
  input: z.unknown().optional(),
  "use-tutorial-sidebar": z.unknown().optional(),
  weight: z.unknown().optional(),
  ssh: z.unknown().optional(),
  amazon: z.unknown().optional(),
  search: z.unknown().optional(),
  published: z.boolean().optional(),
});

/** Ids the tutorial layout gives its own headings; a step anchor must not take them. */
export const LAYOUT_IDS = ["main", "prerequisites", "next-steps"];

/** A step's id: its anchor, or (as kramdown would) its title's slug. */
export function stepAnchor(step: { title: string; anchor?: string | undefined }): string {
  return step.anchor ?? headingSlug(step.title);
}

type AnchoredStep = { title: string; anchor?: string | undefined; substeps?: AnchoredStep[]; "sub-substeps"?: AnchoredStep[] };

/** Every anchor of a page is unique: other pages link to them. */
function uniqueAnchors(tutorial: { steps: AnchoredStep[] }, ctx: z.RefinementCtx): void {
  const firstUse = new Map<string, string>(LAYOUT_IDS.map((id) => [id, "the page layout"]));
  const visit = (steps: AnchoredStep[], path: Array<string | number>, number: string) => {
    steps.forEach((step, i) => {
      const stepNumber = number === "" ? String(i + 1) : `${number}.${i + 1}`;
      const stepPath = [...path, i];
      const id = stepAnchor(step);
      const previous = firstUse.get(id);
      if (previous !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [...stepPath, step.anchor === undefined ? "title" : "anchor"],
          message: `duplicate anchor "${id}": already used by ${previous}; give step ${stepNumber} an anchor of its own`,
        });
      } else {
        firstUse.set(id, `step ${stepNumber}`);
      }
      if (step.substeps) visit(step.substeps, [...stepPath, "substeps"], stepNumber);
      if (step["sub-substeps"]) visit(step["sub-substeps"], [...stepPath, "sub-substeps"], stepNumber);
    });
  };
  visit(tutorial.steps, ["steps"], "");
}

export const tutorialSchema = pageSchema
  .extend({
    layout: z.literal("tutorial"),
    intro: markdown.optional(),
    requirements: z.array(requirementSchema).optional(),
    "requirements-info": markdown.optional(),
    steps: z.array(stepSchema),
    "next-steps": markdown.optional(),
  })
  .superRefine(uniqueAnchors);

export type TutorialFrontMatter = z.infer<typeof tutorialSchema>;
export type StepFrontMatter = z.infer<typeof stepSchema>;
export type SubstepFrontMatter = z.infer<typeof substepSchema>;
export type SubSubstepFrontMatter = z.infer<typeof subSubstepSchema>;
