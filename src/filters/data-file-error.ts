/**
 * A mistake in a data file found while rendering (a filter reading `_data/`), named by the file.
 * The checks report the same mistakes at their lines (src/checks/source/ip-addresses.ts) before
 * anything renders; this is what a build that skips the checks says.
 */

export class DataFileError extends Error {
  override name = "DataFileError";
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
