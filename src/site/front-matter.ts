import { load as loadYaml } from "js-yaml";

/**
 * Front matter as Eleventy should see it. A tutorial's body belongs to the same Liquid scope as
 * its fields (TUTORIAL-FORMAT.md: "shared by all of its fields and its body, in order"), so the
 * tutorial layout renders it after the fields; Eleventy must hand it over unrendered.
 */
export function parseFrontMatter(source: string): Record<string, unknown> {
  const data = (loadYaml(source) ?? {}) as Record<string, unknown>;
  if (data.layout === "tutorial" && data.templateEngineOverride === undefined) {
    return { ...data, templateEngineOverride: "html" };
  }
  return data;
}
