import type { SiteModel } from "../../model/site-model.ts";
import type { Finding } from "../finding.ts";
import { jsYamlFinding, oversizeFinding, yamlNoteFindings, yamlSyntaxFindings } from "./front-matter.ts";

/**
 * Data files (`_data/**.yml`) that the build cannot read (errors: nothing renders right without
 * them), and what Jekyll's YAML reader would accept without a word (warnings: duplicate keys, a
 * second document).
 */
export function checkDataFiles(source: SiteModel): Finding[] {
  return source.dataFiles.flatMap((file) => {
    if (file.oversize !== undefined) return [oversizeFinding(file, "data file")];
    const syntax = yamlSyntaxFindings(file.yaml);
    if (syntax.length > 0) return syntax;
    return file.yaml.buildError === undefined ? yamlNoteFindings(file.yaml) : jsYamlFinding(file.yaml, "data file");
  });
}
