import { load as loadYaml } from "js-yaml";
import type { Finding } from "./finding.ts";
import { yamlSyntaxFindings, jsYamlFinding } from "./front-matter.ts";
import type { SiteSource } from "./site-source.ts";

/** Data files (`_data/**.yml`) that the build cannot read. Nothing renders right without them. */
export function checkDataFiles(source: SiteSource): Finding[] {
  return source.dataFiles.flatMap((file) => {
    const syntax = yamlSyntaxFindings(file.yaml);
    if (syntax.length > 0) return syntax;
    try {
      loadYaml(file.text);
      return [];
    } catch {
      return jsYamlFinding(file.yaml, "data file");
    }
  });
}

