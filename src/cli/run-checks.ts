import { checkSite } from "../checks/check-site.ts";
import { parseCheckArgs, printFindings } from "./check-report.ts";
import { reportFailure } from "./report.ts";

/** `npm run check` and `npm run build`: the same checks; build also publishes when they pass. */
export async function runChecks(argv: string[], publish: boolean): Promise<number> {
  const options = parseCheckArgs(argv);
  if (typeof options === "string") {
    console.error(`error: ${options}`);
    return 2;
  }
  try {
    const result = await checkSite({ root: process.cwd(), publish, strict: options.strict });
    const exitCode = printFindings(result, options);
    if (publish && result.published) {
      const timings = Object.entries(result.timings);
      const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
      // Per stage, so that a stage's cost is visible (`npm run bench` reads this line too).
      console.log(`Built _site/ in ${total} ms (${timings.map(([name, ms]) => `${name} ${ms} ms`).join(", ")})`);
    } else if (publish) {
      console.error("Build failed: _site/ was left as it was.");
    }
    return exitCode;
  } catch (error) {
    return reportFailure(error);
  }
}
