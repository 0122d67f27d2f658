import type { ParsedArgs } from "./args.ts";
import { buildSpec, checkCommand } from "./check-command.ts";

// `stitch-docs build`: checks the site and builds it into _site/, replaced only when the checks pass.
export const spec = buildSpec;
export const run = (args: ParsedArgs) => checkCommand(args, true);
