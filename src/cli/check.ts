import { checkSite } from "../checks/check-site.ts";
import { parseCheckArgs, printFindings } from "./check-report.ts";
import { reportFailure } from "./report.ts";

// `npm run check [-- --strict] [-- --format json]`: every mistake in the site, nothing published.
const options = parseCheckArgs(process.argv.slice(2));
if (typeof options === "string") {
  console.error(`error: ${options}`);
  process.exitCode = 2;
} else {
  try {
    const result = await checkSite({ root: process.cwd(), strict: options.strict });
    process.exitCode = printFindings(result, options);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
