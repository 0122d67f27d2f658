import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { load } from "js-yaml";
import { isJekyllTree } from "./theme.ts";

/**
 * Where a build is published: `--destination`, else a Jekyll site's `destination:` in
 * `_config.yml` (from the site's folder, where `jekyll build` is run), else `<site>/_site`. A
 * destination that is the site's folder, or holds it, is refused, as Jekyll refuses it:
 * publishing replaces the destination, and with it the site's own files; so are the file
 * system's root and the home folder, whatever the site.
 */

/** The destination a Jekyll site's `_config.yml` names, resolved from the site's folder. */
function configuredDestination(root: string): string | undefined {
  if (!isJekyllTree(root)) return undefined;
  let config: unknown;
  try {
    config = load(readFileSync(path.join(root, "_config.yml"), "utf8"));
  } catch {
    // No config, or one that doesn't parse: the model reports it at its line.
    return undefined;
  }
  const destination = (config as { destination?: unknown } | null)?.destination;
  return typeof destination === "string" && destination.trim() !== "" ? path.resolve(root, destination) : undefined;
}

/** The build's output folder for the site at `root`, given the command line's `--destination` (already resolved). */
export function outputDirFor(root: string, destination?: string): string {
  return destination ?? configuredDestination(root) ?? path.join(root, "_site");
}

const ADVICE = "build into a folder of its own (the default is _site inside the site)";

/** Why `output` can't be the destination of the site at `root`, or undefined when it can. */
export function destinationProblem(root: string, output: string): string | undefined {
  const resolved = path.resolve(output);
  if (resolved === path.parse(resolved).root || resolved === homedir())
    return `the destination ${output} is ${resolved === homedir() ? "your home folder" : "the file system's root"}: publishing there would replace everything in it; ${ADVICE}`;
  const fromOutput = path.relative(path.resolve(output), path.resolve(root));
  if (fromOutput === "") return `the destination ${output} is the site's own folder: publishing there would replace the site's files; ${ADVICE}`;
  if (!fromOutput.startsWith("..") && !path.isAbsolute(fromOutput))
    return `the destination ${output} holds the site's folder: publishing there would replace the site's files; ${ADVICE}`;
  return undefined;
}
