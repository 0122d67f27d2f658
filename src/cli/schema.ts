import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { frontMatterJsonSchema, SCHEMA_FILE } from "../authoring/front-matter-schema.ts";
import { type CommandSpec, HELP_OPTION, type ParsedArgs } from "./args.ts";

// `stitch-docs schema` (`npm run schema`): the front matter's JSON Schema, where editors find it.
export const spec: CommandSpec = {
  name: "schema",
  summary: `Writes the front matter's JSON Schema (from the tutorial format's zod schema) to ${SCHEMA_FILE}, for editors.`,
  options: {
    output: { type: "string", short: "o", value: "FILE", description: `where to write it (default: ${SCHEMA_FILE} in the site's folder; - for stdout)` },
    source: { type: "string", short: "s", value: "DIR", description: "the site's folder (default: the current folder)" },
    ...HELP_OPTION,
  },
  notes: ['README.md, "Editor support", says how VS Code uses it.'],
};

export async function run({ values }: ParsedArgs): Promise<number> {
  const text = `${JSON.stringify(frontMatterJsonSchema(), null, 2)}\n`;
  if (values.output === "-") {
    process.stdout.write(text);
    return 0;
  }
  const root = path.resolve((values.source as string | undefined) ?? ".");
  const file = typeof values.output === "string" ? path.resolve(values.output) : path.join(root, SCHEMA_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  console.error(`Wrote ${path.relative(process.cwd(), file) || file}`);
  return 0;
}
