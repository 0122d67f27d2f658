import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { SiteModel } from "../model/site-model.ts";

/**
 * Copies content/assets/ to `<baseurl>/assets/` in the build's folder: the files the model
 * listed, each as a file (a link inside the site is followed; one leading out was refused when
 * the site was read, see src/model/files.ts), so the output holds no links and nothing from
 * outside the site.
 */
export async function copyAssets(model: SiteModel, outputDir: string): Promise<void> {
  const from = path.join(model.dirs.input, "assets");
  const to = path.join(outputDir, model.settings.baseurl, "assets");
  const folders = new Set<string>();
  for (const asset of model.assets) {
    const destination = path.join(to, asset);
    const folder = path.dirname(destination);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await copyFile(path.join(from, asset), destination);
  }
}
