import { checkSite } from "../checks/check-site.ts";
import { parseCheckArgs, printFindings } from "./check-report.ts";
import { reportFailure } from "./report.ts";

// `npm run build [-- --strict] [-- --format json]`: checks the site and builds it into _site/,
// which is replaced only when the checks pass.
const options = parseCheckArgs(process.argv.slice(2));
if (typeof options === "string") {
  console.error(`error: ${options}`);
  process.exitCode = 2;
} else {
  try {
    const result = await checkSite({ root: process.cwd(), publish: true, strict: options.strict });
    process.exitCode = printFindings(result, options);
    const total = Object.values(result.timings).reduce((sum, ms) => sum + ms, 0);
    if (result.published) console.error(`Built _site/ in ${total} ms`);
    else console.error("Build failed: _site/ was left as it was.");
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
