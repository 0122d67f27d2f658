import { buildSite } from "../build/build-site.ts";
import { reportFailure } from "./report.ts";

// `npm run build`: builds the site in the current folder into _site/.
try {
  const result = await buildSite({ root: process.cwd() });
  const timings = Object.entries(result.timings);
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  // Per stage, so that a stage's cost is visible (`npm run bench` reads this line too).
  console.log(`Built ${result.outputDir} in ${total} ms (${timings.map(([name, ms]) => `${name} ${ms} ms`).join(", ")})`);
} catch (error) {
  process.exitCode = reportFailure(error);
}
