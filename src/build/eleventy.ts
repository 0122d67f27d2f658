import { Eleventy } from "@11ty/eleventy";
import { configureSite } from "../site/configure.ts";
import { siteDirectories } from "../site/settings.ts";

/** Runs Eleventy once over the site at `root`, writing into `outputDir`. */
export async function runEleventy(root: string, outputDir: string): Promise<void> {
  const dirs = siteDirectories(root, outputDir);
  const eleventy = new Eleventy(dirs.input, dirs.output, {
    quietMode: true,
    // The site is configured in code (the same function .eleventy.ts calls), not from a file.
    configPath: false as unknown as string,
    config: (eleventyConfig) => configureSite(eleventyConfig, dirs),
  });
  // Eleventy's own log would print a stack trace for an author's mistake; the CLI reports
  // failures itself (src/cli/report.ts), so Eleventy stays silent.
  eleventy.logger.overrideLogger(false);
  await eleventy.write();
}
