import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import path from "node:path";

/**
 * Reads a file of the output folder for the dev server: only a regular file that really lies
 * inside the folder. A symlink that leads out of it (an asset linked to a file elsewhere, say)
 * is not followed, whatever the listing said.
 */

export async function readOutputFile(outputDir: string, file: string): Promise<Buffer | undefined> {
  try {
    const folder = await realpath(outputDir);
    const real = await realpath(path.join(folder, file));
    if (!real.startsWith(folder + path.sep)) return undefined;
    // O_NOFOLLOW: the resolved path must not have become a symlink since.
    const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      if (!(await handle.stat()).isFile()) return undefined;
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    return undefined; // Gone (a build swapping the folder), or not readable: not served.
  }
}
