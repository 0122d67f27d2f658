// The floor of `npm run bench`: plain markdown pages (a title, a summary, three paragraphs) for
// stock Eleventy with no project config, deterministic for a given seed. The targets compare
// with the `site` frame (floor-frames/site: a chained page and base layout with head, header,
// a navigation loop over _data, breadcrumbs and a footer, like this site's frame) on as many
// pages as the corpus compared has page files. The `bare` frame and its pages are the floor
// before issue 12, byte for byte, kept to compare with figures measured against it.
import { cp } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pad, paragraph, quote, sentence, writeFiles } from "./prose.ts";
import { SeededRandom } from "./random.ts";

export interface PlainCorpusOptions {
  pages: number;
  seed: number;
  frame: "site" | "bare";
}

const FRAMES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "floor-frames");

export const plainPageFile = (root: string, i: number) => path.join(root, "pages", `page-${pad(i)}.md`);
/** Where stock Eleventy writes plain page `i` (its default permalink). */
export const plainPageOutput = (root: string, i: number) => path.join(root, "_site", "pages", `page-${pad(i)}`, "index.html");

/** The source of plain page `i`; `marker` (for the incremental benchmark) ends its last paragraph. */
export function plainPageSource(i: number, options: Pick<PlainCorpusOptions, "seed" | "frame">, marker = ""): string {
  const random = new SeededRandom(options.seed * 104_729 + i);
  const body = [paragraph(random), paragraph(random), paragraph(random) + (marker ? ` ${marker}` : "")].join("\n\n");
  const title = quote(sentence(random, 6));
  if (options.frame === "bare") return `---\ntitle: ${title}\nlayout: base.liquid\n---\n\n${body}\n`;
  return `---\ntitle: ${title}\nsummary: ${quote(sentence(random))}\nlayout: page.liquid\n---\n\n${body}\n`;
}

/** The frame's layouts and data, and `options.pages` pages, at `root`. */
export async function writePlainCorpus(root: string, options: PlainCorpusOptions): Promise<void> {
  await cp(path.join(FRAMES_DIR, options.frame), root, { recursive: true });
  const files: Array<[string, string]> = [];
  for (let i = 0; i < options.pages; i++) files.push([plainPageFile(root, i), plainPageSource(i, options)]);
  await writeFiles(files);
}
