import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PROJECT_ROOT } from "./site.ts";

/**
 * For the adapter tests of dependencies whose private internals the project uses: the version
 * package.json pins (exactly, no range) and the version installed.
 */

export function pinnedAndInstalled(name: string): { pinned: string; installed: string } {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const require = createRequire(path.join(PROJECT_ROOT, "package.json"));
  const packageDir = findPackageDir(require.resolve(name), name);
  const installed = (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  return { pinned: manifest.dependencies[name] ?? "(not a dependency)", installed };
}

function findPackageDir(entry: string, name: string): string {
  let dir = path.dirname(entry);
  while (!dir.endsWith(path.join("node_modules", name))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package folder for ${name} above ${entry}`);
    dir = parent;
  }
  return dir;
}
