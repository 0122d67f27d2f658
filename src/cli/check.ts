import type { ParsedArgs } from "./args.ts";
import { checkCommand, checkSpec } from "./check-command.ts";

// `stitch-docs check`: every mistake in the site, nothing published.
export const spec = checkSpec;
export const run = (args: ParsedArgs) => checkCommand(args, false);
