import path from "node:path";
import { createTutorial, NewTutorialError } from "../authoring/new-tutorial.ts";
import { type CommandSpec, HELP_OPTION, type ParsedArgs, UsageError } from "./args.ts";

// `stitch-docs new "Title of the tutorial"` (`npm run new -- "Title"`): a tutorial that checks clean, to fill in.
export const spec: CommandSpec = {
  name: "new",
  summary: "Creates a tutorial skeleton that follows the format and checks clean, at a permalink made from its title.",
  positionals: "TITLE...",
  options: {
    folder: { type: "string", value: "FOLDER", description: "the folder below content/ and below the URL (default: common/databases)" },
    source: { type: "string", short: "s", value: "DIR", description: "the site's folder (default: the current folder)" },
    ...HELP_OPTION,
  },
  notes: ['The title is every word that is not an option; a title starting with "-" goes after --: stitch-docs new -- "-v flags explained"'],
};

export async function run({ values, positionals }: ParsedArgs): Promise<number> {
  const title = positionals.join(" ");
  if (title.trim() === "") throw new UsageError('give the tutorial a title: stitch-docs new "Title of the tutorial" (npm run new -- "Title of the tutorial")');
  const root = path.resolve((values.source as string | undefined) ?? ".");
  try {
    const created = await createTutorial({ root, title, folder: values.folder as string | undefined });
    console.log(`Created ${path.relative(process.cwd(), path.join(root, created.file))}; once built, it is at ${created.address}`);
    console.error("Fill it in, then check it with: npm run check (or see it as you write with: npm start)");
    return 0;
  } catch (error) {
    if (!(error instanceof NewTutorialError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  }
}
