import { relativeToRoot, type SiteModel } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";

/**
 * Files the site's folders hold but the build never reads (src/model/files.ts): a symbolic link
 * to something outside the site's folder (`ln -s /etc/passwd content/pw.md` would publish the
 * password file), to nothing, or into a folder it is in; a pipe or a device. Each is an error at
 * its path; the model leaves it out, so no page, include or data file is built from it.
 */

export function checkUnreadFiles(model: SiteModel): Finding[] {
  return model.refused.map((entry) =>
    finding("files", "error", { file: relativeToRoot(model.root, entry.path), line: 1, column: 1 }, `this file is not read: ${entry.reason}`),
  );
}
