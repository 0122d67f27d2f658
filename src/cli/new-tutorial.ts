import { createTutorial, NewTutorialError } from "../authoring/new-tutorial.ts";
import { reportFailure } from "./report.ts";

// `npm run new -- "Title of the tutorial" [--folder common/databases]`
const args = process.argv.slice(2);
const folderAt = args.indexOf("--folder");
const folder = folderAt >= 0 ? args[folderAt + 1] : undefined;
const title = args.filter((_, i) => folderAt < 0 || (i !== folderAt && i !== folderAt + 1)).join(" ");
try {
  const created = await createTutorial({ root: process.cwd(), title, folder });
  console.log(`Created ${created.file}, published at ${created.url}. Check it with: npm run check`);
} catch (error) {
  if (error instanceof NewTutorialError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else process.exitCode = reportFailure(error);
}
