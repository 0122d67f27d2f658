import { runChecks } from "./run-checks.ts";

// `npm run check [-- --strict] [-- --format json]`: every mistake in the site, nothing published.
process.exitCode = await runChecks(process.argv.slice(2), false);
