import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";

/**
 * A draft built on request (the drafts option) says so on the page, whatever its layout: a
 * banner at the top of the body, which screen readers announce as a note, and
 * `<meta name="robots" content="noindex">`, so that a preview copied to a public host is not
 * indexed. Added by the generator rather than by the layouts: a layout of the author's (or a
 * Jekyll site's) can't leave it out.
 */

export interface DraftMarksOptions {
  root: string;
  /** The drafts' files, absolute. */
  drafts: ReadonlySet<string>;
}

export const DRAFT_BANNER =
  '<div class="draft-banner" role="note"><strong>Draft: not published.</strong> This page has <code>published: false</code>: only a build with drafts shows it. Remove that line from its front matter to publish it.</div>';

/** A Jekyll site's `_drafts/` post says how it is published instead. */
export const DRAFT_POST_BANNER =
  '<div class="draft-banner" role="note"><strong>Draft: not published.</strong> This post is in <code>_drafts/</code>: only a build with drafts shows it. Move it to <code>_posts/</code>, with its date at the start of its file name, to publish it.</div>';

const isDraftPost = (file: string) => file.split(/[\\/]/).includes("_drafts");

const NOINDEX = '<meta name="robots" content="noindex">';

/** The page's HTML with the draft marks: noindex in the head (unless it has one), the banner first in the body. */
export function withDraftMarks(html: string, banner = DRAFT_BANNER): string {
  let marked = /<meta\s+name=["']?robots["']?\s+content=["']?noindex/i.test(html) ? html : html.replace(/<head\b[^>]*>/i, (head) => `${head}\n${NOINDEX}`);
  marked = marked.replace(/<body\b[^>]*>/i, (body) => `${body}\n${banner}`);
  return marked;
}

/** The Eleventy plugin: add it before the page output's (transforms run in the order they were added). */
export function draftMarks(eleventyConfig: EleventyConfig, options: DraftMarksOptions): void {
  if (options.drafts.size === 0) return;
  eleventyConfig.addTransform("draft-marks", function (content: unknown) {
    const { inputPath } = this.page as { inputPath: string };
    const file = path.resolve(options.root, inputPath);
    if (!options.drafts.has(file)) return content;
    return withDraftMarks(String(content), isDraftPost(path.relative(options.root, file)) ? DRAFT_POST_BANNER : DRAFT_BANNER);
  });
}
