import { type StepFrontMatter, type SubSubstepFrontMatter, type SubstepFrontMatter, stepAnchor, type TutorialFrontMatter } from "./schema.ts";

/** One heading of the step tree: `Step 2.1: Title`, an h3 with id = its anchor. */
export interface TutorialStep {
  /** "2", "2.1", "2.1.3" */
  number: string;
  /** 1 for steps, 2 for substeps, 3 for sub-substeps. */
  depth: 1 | 2 | 3;
  /** The heading level the format gives this depth: h2, h3, h4. */
  level: 2 | 3 | 4;
  label: string;
  title: string;
  anchor: string;
  /** Markdown + Liquid, rendered in the page's shared context. */
  content: string;
  children: TutorialStep[];
}

export interface Tutorial {
  title: string;
  intro: string;
  requirements: string[];
  requirementsInfo: string;
  steps: TutorialStep[];
  /** Every step, substep and sub-substep in document order (what the layout renders). */
  outline: TutorialStep[];
  nextSteps: string;
}

type AnyStep = StepFrontMatter | SubstepFrontMatter | SubSubstepFrontMatter;

function childrenOf(step: AnyStep): AnyStep[] {
  if ("substeps" in step && step.substeps) return step.substeps;
  if ("sub-substeps" in step && step["sub-substeps"]) return step["sub-substeps"];
  return [];
}

function buildStep(step: AnyStep, number: string, depth: 1 | 2 | 3): TutorialStep {
  const childDepth = depth === 3 ? undefined : ((depth + 1) as 2 | 3);
  return {
    number,
    depth,
    level: (depth + 1) as 2 | 3 | 4,
    label: `Step ${number}`,
    title: step.title,
    // The format gives every step an anchor; one left out falls back to the title's slug.
    anchor: stepAnchor(step),
    content: step.content,
    children: childDepth ? childrenOf(step).map((child, i) => buildStep(child, `${number}.${i + 1}`, childDepth)) : [],
  };
}

function flatten(steps: TutorialStep[]): TutorialStep[] {
  return steps.flatMap((step) => [step, ...flatten(step.children)]);
}

/** The numbered, anchored step tree of a tutorial's front matter. */
export function buildTutorial(frontMatter: TutorialFrontMatter): Tutorial {
  const steps = frontMatter.steps.map((step, i) => buildStep(step, String(i + 1), 1));
  return {
    title: frontMatter.title,
    intro: frontMatter.intro ?? "",
    requirements: (frontMatter.requirements ?? []).map((requirement) => requirement.item),
    requirementsInfo: frontMatter["requirements-info"] ?? "",
    steps,
    outline: flatten(steps),
    nextSteps: frontMatter["next-steps"] ?? "",
  };
}
