import { runChecks } from "./run-checks.ts";

// `npm run build [-- --strict] [-- --format json]`: checks the site and builds it into _site/,
// which is replaced only when the checks pass.
process.exitCode = await runChecks(process.argv.slice(2), true);
