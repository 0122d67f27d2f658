import { statSync } from "node:fs";

/**
 * The largest source file the build reads: pages, includes, layouts and data files alike.
 * The project's largest file is about 5 KB and a long tutorial some 50 KB. Every page is held
 * in memory several times over (its text, its front matter's node tree with positions, its
 * rendered HTML), and the positional YAML parser alone takes seconds per MB: a 100 MB file
 * kept a build busy for minutes at gigabytes. 1 MB is twenty times the longest tutorial.
 */

export const SOURCE_FILE_LIMIT_BYTES = 1024 * 1024;

export type SourceKind = "page" | "include" | "layout" | "data file";

const ADVICE: Record<SourceKind, string> = {
  page: "split it into several pages",
  include: "split it into several includes",
  layout: "move parts of it into includes",
  "data file": "split it into several files, or keep data this large out of _data/",
};

/** The file's size in bytes when it exceeds the limit; undefined when it is within it (or unreadable). */
export function oversizeBytes(absolutePath: string): number | undefined {
  try {
    const { size } = statSync(absolutePath);
    return size > SOURCE_FILE_LIMIT_BYTES ? size : undefined;
  } catch {
    return undefined;
  }
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * What to tell the author about a file over the limit: its size, the limit and why, and what to
 * do. `name` names the file where the finding's place does not (an include, at the call).
 */
export function oversizeMessage(kind: SourceKind, bytes: number, name?: string): string {
  const article = kind === "include" ? "an" : "a";
  return (
    `${name ?? `this ${kind}`} is ${megabytes(bytes)}; ${article} ${kind} may be at most ${megabytes(SOURCE_FILE_LIMIT_BYTES)}, ` +
    `because the build holds and parses every source file in memory and a file this large would take it minutes: ${ADVICE[kind]}`
  );
}
