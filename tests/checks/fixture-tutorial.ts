import { formatFinding } from "../../src/checks/finding.ts";
import { type PipelineResult, runPipeline } from "../../src/pipeline/run-pipeline.ts";
import { makeFixtureSite } from "../helpers/site.ts";

/** The file a fixture tutorial is written to, and the URL it is published at. */
export const TUTORIAL_FILE = "content/common/databases/checking-fixture.md";
export const TUTORIAL_URL = "/common/databases/checking-fixture";

/**
 * The connection guides (26 of the site's pages): a copy of the site without them checks clean,
 * and tests whose subject is one page, not the whole site, leave them out, for a cheaper build.
 */
export const CONNECTION_GUIDES = ["content/integrations", "content/destinations"];

/**
 * A small valid tutorial, as lines, so that a test can change one line and know its number
 * (line N of the file is `lines[N - 1]`).
 */
export function tutorialLines(): string[] {
  return [
    "---", // 1
    "title: Checking fixture", // 2
    `permalink: ${TUTORIAL_URL}`, // 3
    'summary: "A tutorial the checks tests change one line at a time."', // 4
    "layout: tutorial", // 5
    "intro: |", // 6
    "  {% include misc/data-files.html %}", // 7
    "", // 8
    "  See the [generic guide]({{ link.connections.ssh-generic | prepend: site.baseurl }}).", // 9
    "requirements:", // 10
    "  - item: |", // 11
    "      **An SSH server.**", // 12
    "steps:", // 13
    '  - title: "First step"', // 14
    '    anchor: "first-step"', // 15
    "    content: |", // 16
    "      Open [the second step](#second-step).", // 17
    '  - title: "Second step"', // 18
    '    anchor: "second-step"', // 19
    "    content: |", // 20
    "      Done.", // 21
    "---", // 22
    "", // 23
  ];
}

export function tutorialText(change?: (lines: string[]) => void): string {
  const lines = tutorialLines();
  change?.(lines);
  return lines.join("\n");
}

/** Checks a copy of the project's site with the given files written over it (nothing published). */
export async function checkFixture(
  files: Record<string, string | Uint8Array>,
  remove: string[] = [],
  links: Record<string, string> = {},
): Promise<PipelineResult & { root: string; lines: string[] }> {
  const root = await makeFixtureSite({ files, remove, links });
  const result = await runPipeline({ root });
  return { ...result, root, lines: result.findings.map(formatFinding) };
}
