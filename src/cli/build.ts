import { buildSite } from "../build/build-site.ts";
import { searchIndexStage } from "../build/search-index.ts";
import { reportFailure } from "./report.ts";

// `npm run build`: builds the site in the current folder into _site/, with its search index.
try {
  const result = await buildSite({ root: process.cwd(), stages: [searchIndexStage] });
  const total = Object.values(result.timings).reduce((sum, ms) => sum + ms, 0);
  console.log(`Built ${result.outputDir} in ${total} ms`);
} catch (error) {
  process.exitCode = reportFailure(error);
}
