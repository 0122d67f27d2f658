import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JekyllEngineOptions, JekyllLiquid } from "../../src/jekyll/engine.ts";
import { PAGE_DATA_KEY } from "../../src/jekyll/scope.ts";
import { engineForSite } from "../helpers/engine.ts";

/** A site with `files` (paths from its root) and an engine for it; render(template, frontMatter) renders as the page content/page.md. */
export async function engineWith(
  files: Record<string, string> = {},
  options: Pick<JekyllEngineOptions, "errors" | "undefinedVariables" | "undefinedFilters"> = {},
) {
  const root = await mkdtemp(path.join(tmpdir(), "liquid-unit-"));
  for (const [relative, text] of Object.entries({ "_includes/.keep": "", ...files })) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
  const liquid: JekyllLiquid = engineForSite(root, undefined, options);
  const pagePath = path.join(root, "content", "page.md");
  return {
    root,
    liquid,
    render: async (template: string, frontMatter: Record<string, unknown> = {}) =>
      String(await liquid.render(liquid.parse(template, pagePath), { page: { inputPath: pagePath, url: "/docs/page" }, [PAGE_DATA_KEY]: frontMatter })),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
