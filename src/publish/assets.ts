import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { SiteModel } from "../model/site-model.ts";

/**
 * Copies content/assets/ to `<baseurl>/assets/` in the build's folder (a Jekyll site's static
 * files to their paths below the base URL): the files the model
 * listed, each as a file (a link inside the site is followed; one leading out was refused when
 * the site was read, see src/model/files.ts), so the output holds no links and nothing from
 * outside the site.
 */

export async function copyAssets(model: SiteModel, outputDir: string): Promise<void> {
  const to = path.join(outputDir, model.settings.baseurl);
  const folders = new Set<string>();
  for (const asset of model.assets) {
    const destination = path.join(to, asset.output);
    const folder = path.dirname(destination);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await copyFile(asset.source, destination);
  }
}
