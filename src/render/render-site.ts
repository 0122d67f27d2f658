import { Eleventy } from "@11ty/eleventy";
import { eleventyConfigFor, type RenderSettings } from "./eleventy-config.ts";
import { forgetEleventyCaches } from "./eleventy-internals.ts";

/**
 * The render stage: Eleventy, once, over the site model's pages (eleventy-config.ts), each page
 * handed to `settings.output` as it is rendered. Eleventy writes nothing itself (a dry run).
 */

export async function renderSite(settings: RenderSettings, outputDir: string): Promise<void> {
  forgetEleventyCaches();
  const eleventy = new Eleventy(settings.model.root, outputDir, {
    quietMode: true,
    // Configured in code, not from a file of the site's.
    configPath: false as unknown as string,
    config: eleventyConfigFor(settings),
  });
  // Eleventy's own log would print a stack trace for an author's mistake, and lines ("Wrote 32
  // files") among the findings: the pipeline reports everything itself.
  eleventy.logger.overrideLogger(false);
  eleventy.setDryRun(true);
  await eleventy.write();
}
