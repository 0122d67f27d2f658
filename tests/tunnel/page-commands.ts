/**
 * Turns the code blocks of the tutorial's "Create the Stitch SSH user" step into what a reader
 * does with them: each block is run as it comes, as root while the reader is their sudo-capable
 * self, and as another user after a `sudo su - <user>` line (until an `exit` line).
 */

export interface CommandRun {
  /** Which block (0-based) the commands come from, for error messages. */
  block: number;
  /** `root`, or the user a `sudo su - <user>` switched to. */
  user: string;
  script: string;
}

const SWITCH_USER = /^sudo su - ([a-z_][a-z0-9_-]*)$/;

export function commandRuns(blocks: readonly string[], placeholders: Record<string, string>): CommandRun[] {
  const runs: CommandRun[] = [];
  let user = "root";
  blocks.forEach((block, index) => {
    let lines: string[] = [];
    const flush = () => {
      if (lines.some((line) => line.trim() !== "")) runs.push({ block: index, user, script: lines.join("\n") });
      lines = [];
    };
    for (const line of block.split("\n")) {
      const switched = SWITCH_USER.exec(line.trim());
      if (switched) {
        flush();
        user = switched[1]!;
      } else if (line.trim() === "exit") {
        flush();
        user = "root";
      } else {
        lines.push(line);
      }
    }
    flush();
  });
  return runs.map((run) => ({ ...run, script: fillPlaceholders(run.script, placeholders, run.block) }));
}

function fillPlaceholders(script: string, placeholders: Record<string, string>, block: number): string {
  let filled = script;
  for (const [placeholder, value] of Object.entries(placeholders)) filled = filled.replaceAll(placeholder, value);
  const unknown = /<[A-Z][A-Z ]*>/.exec(filled);
  if (unknown) throw new Error(`code block ${block + 1} has a placeholder the test cannot fill: ${unknown[0]}`);
  return filled;
}
