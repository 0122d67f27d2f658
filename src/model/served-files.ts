/**
 * How a static host serves the built site: `/docs/common/x` is `docs/common/x.html`, a folder
 * path is its `index.html`. The link checks and the development server both resolve URLs so.
 */

export function fileForUrlPath(files: ReadonlySet<string>, urlPath: string): string | undefined {
  let clean: string;
  try {
    // Each segment decoded whole (decodeURI keeps `%23` for `#`): the file's name, as a host reads it.
    clean = urlPath.split(/[?#]/)[0]!.split("/").map(decodeURIComponent).join("/").replace(/^\/+/, "");
  } catch {
    return undefined;
  }
  const candidates = clean === "" || clean.endsWith("/") ? [`${clean}index.html`] : [clean, `${clean}.html`, `${clean}/index.html`];
  return candidates.find((candidate) => files.has(candidate));
}
