import { readFileSync } from "node:fs";
import { readCsv } from "./csv.ts";
import { withFrontMatter } from "./front-matter.ts";
import { oversizeBytes } from "./limits.ts";
import { type DataFile, relativeToRoot, type SourceFile, type YamlDataFile } from "./site-model.ts";
import { decodeUtf8 } from "./text-encoding.ts";
import type { YamlReading } from "./yaml.ts";
import { readYamlSource } from "./yaml-positions.ts";

/** Reads a site's files, each once, counting what it read (SiteModel.reads). */
export class SiteReader {
  files = 0;
  yamlTexts = 0;

  constructor(
    private readonly root: string,
    /** How its YAML is read (a Jekyll site's floats are Ruby's, its times in its zone). */
    private reading: YamlReading = {},
  ) {}

  /** The site's time zone, once its settings say it (a Jekyll site's `timezone:`). */
  readTimesIn(timeZone: string | undefined): void {
    if (this.reading.jekyll) this.reading = { jekyll: { timeZone } };
  }

  /** A file's text; a file over the size limit is not read (its size is kept instead). */
  read(absolutePath: string): SourceFile {
    const file = relativeToRoot(this.root, absolutePath);
    const oversize = oversizeBytes(absolutePath);
    if (oversize !== undefined) return { file, absolutePath, text: "", oversize };
    this.files++;
    return { file, absolutePath, ...decodeUtf8(readFileSync(absolutePath)) };
  }

  withFrontMatter<F extends SourceFile>(file: F) {
    const read = withFrontMatter(file, this.reading);
    if (read.frontMatter) this.yamlTexts++;
    return read;
  }

  /** A data file (YAML, or JSON, which YAML reads), parsed once. */
  readData(absolutePath: string): YamlDataFile {
    const file = this.read(absolutePath);
    if (file.oversize !== undefined) return { ...file, yaml: readYamlSource(file.file, ""), data: undefined };
    this.yamlTexts++;
    const yaml = readYamlSource(file.file, file.text, 0, this.reading);
    return { ...file, yaml, data: yaml.data };
  }

  /** A CSV (or, with `separator` a tab, TSV) data file, as Jekyll reads it (csv.ts). */
  readTable(absolutePath: string, separator: "," | "\t"): DataFile {
    const file = this.read(absolutePath);
    if (file.oversize !== undefined) return { ...file, data: undefined };
    const table = readCsv(file.text, separator);
    const failed = table.problems.some((problem) => problem.severity === "error");
    return { ...file, tableProblems: table.problems, data: failed ? undefined : table.records };
  }
}
