import { Eleventy, type EleventyConfig } from "@11ty/eleventy";
import { configureSite, type ConfiguredSite } from "../site/configure.ts";
import { siteDirectories } from "../site/settings.ts";
import { forgetEleventyCaches } from "./eleventy-caches.ts";
import { copyPassthrough, PageWriter } from "./page-writer.ts";

/** What a build's extra wiring gets: the configured site, and each page as it is written. */
export interface BuildingSite extends ConfiguredSite {
  pages: PageWriter;
}

/** Extra wiring for one build (the checks collect errors and page summaries through it). */
export type ConfigureBuild = (eleventyConfig: EleventyConfig, site: BuildingSite) => void;

/** Runs Eleventy once over the site at `root`, writing into `outputDir`. */
export async function runEleventy(root: string, outputDir: string, configure?: ConfigureBuild): Promise<void> {
  const dirs = siteDirectories(root, outputDir);
  forgetEleventyCaches();
  const pages = new PageWriter();
  let config: EleventyConfig | undefined;
  const eleventy = new Eleventy(dirs.input, dirs.output, {
    quietMode: true,
    // The site is configured in code (the same function .eleventy.ts calls), not from a file.
    configPath: false as unknown as string,
    config: (eleventyConfig) => {
      config = eleventyConfig;
      const site = configureSite(eleventyConfig, dirs);
      site.liquid.pageGate = () => pages.room();
      configure?.(eleventyConfig, { ...site, pages });
      pages.install(eleventyConfig);
    },
  });
  // Eleventy's own log would print a stack trace for an author's mistake; the CLI reports
  // failures itself (src/cli/report.ts), so Eleventy stays silent.
  eleventy.logger.overrideLogger(false);
  // Pages are written by the PageWriter as they are rendered; Eleventy only renders.
  eleventy.setDryRun(true);
  try {
    await eleventy.write();
  } catch (error) {
    await pages.abandon();
    throw error;
  }
  await pages.finish();
  await copyPassthrough(config!, dirs.output);
}
