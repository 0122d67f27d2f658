import type { SiteModel } from "../../model/site-model.ts";
import type { UnreadableImage } from "../../publish/images.ts";
import { type Finding, finding, publishedAsIs } from "../finding.ts";

/**
 * A site image the build could not read (a broken download, a text file named `.png`): readers
 * see a broken image. Reported at the file; a Jekyll site still builds (Jekyll copies it without
 * a word), this repository's own site does not.
 */

export function checkUnreadableImages(source: SiteModel, unreadable: readonly UnreadableImage[]): Finding[] {
  const severity = publishedAsIs(source);
  return unreadable.map(({ file, reason }) =>
    finding(
      "images",
      severity,
      { file, line: 1, column: 1 },
      `this file is not an image the build can read (${reason}): pages show it as a broken image; replace it with a PNG, JPEG or WebP file`,
    ),
  );
}
