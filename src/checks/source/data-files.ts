import type { SiteModel } from "../../model/site-model.ts";
import type { Finding } from "../finding.ts";
import { jsYamlFinding, oversizeFinding, yamlSyntaxFindings } from "./front-matter.ts";

/** Data files (`_data/**.yml`) that the build cannot read. Nothing renders right without them. */
export function checkDataFiles(source: SiteModel): Finding[] {
  return source.dataFiles.flatMap((file) => {
    if (file.oversize !== undefined) return [oversizeFinding(file, "data file")];
    const syntax = yamlSyntaxFindings(file.yaml);
    if (syntax.length > 0) return syntax;
    return file.yaml.buildError === undefined ? [] : jsYamlFinding(file.yaml, "data file");
  });
}
