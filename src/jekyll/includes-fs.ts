import path from "node:path";
import type { FS } from "liquidjs";
import { oversizeMessage } from "../model/limits.ts";
import type { SiteModel, SourceFile } from "../model/site-model.ts";
import { RenderLimitError } from "./render-budget.ts";
import { withRubyMarkup } from "./ruby-markup.ts";
import { refuseDeepBlocks } from "./tag-nesting.ts";

/**
 * LiquidJS's file access, answered from the site model: an include is the text the model read
 * (one read of every file; a file the model refused, a link out of the site for one, does not
 * exist here). What LiquidJS's parser must not be given is refused at the include: a file over
 * the size limit, block tags nested too deep (see tag-nesting.ts). `onRead` sees each include's
 * text as it is read (once per build: LiquidJS keeps what it parsed), and gives the text to parse.
 */

export function includesFileSystem(model: SiteModel, onRead?: (text: string) => string): FS {
  const files = new Map<string, SourceFile>(model.includes.map((include) => [include.absolutePath, include]));
  // The site's own includes, then the built-in theme's (a Jekyll site): LiquidJS looks in that order.
  const roots = includeRoots(model).map((dir) => dir + path.sep);
  const inRoots = (file: string) => roots.some((root) => path.resolve(file).startsWith(root));
  const text = (file: string) => {
    const include = files.get(path.resolve(file));
    if (!include) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: "ENOENT" });
    if (include.oversize !== undefined) throw new RenderLimitError(oversizeMessage("include", include.oversize, `include "${path.basename(file)}"`));
    refuseDeepBlocks(include.text, include.absolutePath);
    return withRubyMarkup(onRead ? onRead(include.text) : include.text);
  };
  return {
    existsSync: (file) => files.has(path.resolve(file)),
    exists: async (file) => files.has(path.resolve(file)),
    readFileSync: text,
    readFile: async (file) => text(file),
    resolve: (dir, file, ext) => path.resolve(dir, file + ext),
    containsSync: (_root, file) => inRoots(file),
    contains: async (_root, file) => inRoots(file),
    dirname: (file) => path.dirname(file),
    sep: path.sep,
  };
}

/** Where includes are looked up, in order: the site's `_includes/`, then the theme's. */
export function includeRoots(model: SiteModel): string[] {
  return model.dirs.themeIncludes === undefined ? [model.dirs.includes] : [model.dirs.includes, model.dirs.themeIncludes];
}
