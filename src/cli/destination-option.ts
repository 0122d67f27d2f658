import path from "node:path";
import { destinationProblem, outputDirFor } from "../model/destination.ts";
import { UsageError } from "./args.ts";

/** The output folder for `--destination` (from `cwd`) or the site's default; a usage error where publishing would replace the site. */
export function destinationOf(root: string, destination: string | undefined, cwd = process.cwd()): string {
  const outputDir = outputDirFor(root, destination === undefined ? undefined : path.resolve(cwd, destination));
  const refused = destinationProblem(root, outputDir);
  if (refused) throw new UsageError(refused);
  return outputDir;
}
