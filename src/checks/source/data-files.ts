import type { DataFile, SiteModel } from "../../model/site-model.ts";
import { type Finding, finding } from "../finding.ts";
import { locationOf } from "../locate-text.ts";
import { jsYamlFinding, oversizeFinding, yamlNoteFindings, yamlSyntaxFindings } from "./front-matter.ts";

/**
 * Data files (`_data/**.yml`, a Jekyll site's `.json`, `.csv`, `.tsv` too) that the build cannot
 * read (errors: nothing renders right without them, and Jekyll's own build stops at them), and
 * what Jekyll's readers would accept without a word (warnings: duplicate keys, a second document,
 * a table row longer than its header).
 */

export function checkDataFiles(source: SiteModel): Finding[] {
  return source.dataFiles.flatMap((file) => {
    if (file.oversize !== undefined) return [oversizeFinding(file, "data file")];
    if (file.yaml === undefined) return tableFindings(file);
    const syntax = yamlSyntaxFindings(file.yaml);
    if (syntax.length > 0) return syntax;
    return file.yaml.buildError === undefined ? yamlNoteFindings(file.yaml) : jsYamlFinding(file.yaml, "data file");
  });
}

function tableFindings(file: DataFile): Finding[] {
  const kind = file.file.endsWith(".tsv") ? "TSV" : "CSV";
  return (file.tableProblems ?? []).map((problem) =>
    finding(
      "csv",
      problem.severity,
      locationOf(file, problem.offset),
      problem.severity === "error" ? `${kind} data file can't be read (Jekyll's build stops here too): ${problem.message}` : problem.message,
    ),
  );
}
