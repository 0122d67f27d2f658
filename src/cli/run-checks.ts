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
    if (publish) {
      const total = Object.values(result.timings).reduce((sum, ms) => sum + ms, 0);
      console.error(result.published ? `Built _site/ in ${total} ms` : "Build failed: _site/ was left as it was.");
    }
    return exitCode;
  } catch (error) {
    return reportFailure(error);
  }
}
