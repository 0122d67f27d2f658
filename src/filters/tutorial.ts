import { buildTutorial } from "../tutorial/model.ts";
import { tutorialSchema } from "../tutorial/schema.ts";

/** `{% assign tutorial = page | tutorial %}`: the step tree the tutorial layout renders. */
export function tutorial(page: unknown) {
  const result = tutorialSchema.safeParse(page);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(front matter)"}: ${issue.message}`);
    throw new Error(`this page is not a valid tutorial: ${problems.join("; ")}`);
  }
  return buildTutorial(result.data);
}

export const tutorialFilters = { tutorial };
