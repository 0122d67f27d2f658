import { z } from "zod";

/**
 * The tutorial format (TUTORIAL-FORMAT.md) as one schema: validation, the TypeScript types and
 * the checks' "unknown key" suggestions all come from here.
 */
const markdown = z.string();

export const subSubstepSchema = z.object({
  title: z.string(),
  anchor: z.string().optional(),
  content: markdown,
});

export const substepSchema = z.object({
  title: z.string(),
  anchor: z.string().optional(),
  content: markdown,
  "sub-substeps": z.array(subSubstepSchema).optional(),
});

export const stepSchema = z.object({
  title: z.string(),
  anchor: z.string().optional(),
  content: markdown,
  substeps: z.array(substepSchema).optional(),
});

export const requirementSchema = z.object({ item: markdown });

/** Keys every page may carry, tutorial or not. */
export const pageSchema = z
  .object({
    title: z.string(),
    permalink: z.string().optional(),
    summary: z.string().nullable().optional(),
    layout: z.string().optional(),
    redirect_from: z.union([z.string(), z.array(z.string())]).optional(),
    input: z.boolean().optional(),
    "use-tutorial-sidebar": z.boolean().optional(),
    weight: z.number().optional(),
    ssh: z.boolean().optional(),
    amazon: z.boolean().optional(),
    /** `false` keeps a page out of the sitemap and search engines (404, search page). */
    sitemap: z.boolean().optional(),
    /** `false` keeps a page out of the site's search index. */
    search: z.boolean().optional(),
  })
  .passthrough();

export const tutorialSchema = pageSchema.extend({
  layout: z.literal("tutorial"),
  intro: markdown.optional(),
  requirements: z.array(requirementSchema).optional(),
  "requirements-info": markdown.optional(),
  steps: z.array(stepSchema),
  "next-steps": markdown.optional(),
});

export type TutorialFrontMatter = z.infer<typeof tutorialSchema>;
export type StepFrontMatter = z.infer<typeof stepSchema>;
export type SubstepFrontMatter = z.infer<typeof substepSchema>;
export type SubSubstepFrontMatter = z.infer<typeof subSubstepSchema>;
