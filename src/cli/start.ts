import path from "node:path";
import { isJekyllTree } from "../model/theme.ts";
import { type CommandSpec, HELP_OPTION, type ParsedArgs, portNumber, SOURCE_OPTIONS } from "./args.ts";
import { destinationOf } from "./destination-option.ts";

// `stitch-docs start` (`serve`, `npm start`): build, serve on 127.0.0.1 and rebuild on every change.
export const spec: CommandSpec = {
  name: "start",
  aliases: ["serve"],
  summary: "Builds the site, serves it on http://127.0.0.1:PORT/ (this machine only) and rebuilds it on every save; Ctrl+C stops.",
  options: {
    port: { type: "string", short: "p", value: "N", description: "the port (default: $PORT, else 8080; 0 picks a free one)" },
    drafts: { type: "boolean", description: "include pages with `published: false`, marked as drafts" },
    ...SOURCE_OPTIONS,
    quiet: { type: "boolean", short: "q", description: "only findings and errors, not each build's summary" },
    ...HELP_OPTION,
  },
  notes: ["A port that is taken is said at once, before the site is built."],
};

export async function run({ values }: ParsedArgs): Promise<number> {
  const port =
    typeof values.port === "string" ? portNumber(values.port, "--port") : process.env.PORT === undefined ? 8080 : portNumber(process.env.PORT, "PORT");
  const root = path.resolve((values.source as string | undefined) ?? ".");
  const outputDir = destinationOf(root, values.destination as string | undefined);
  const quiet = values.quiet === true;
  const { startDevServer } = await import("../dev/dev-server.ts");
  const server = await startDevServer({
    root,
    port,
    drafts: values.drafts === true,
    outputDir,
    // Findings and errors always; the lines that say all is well, unless quiet.
    log: (line) => {
      if (!quiet || /^\S+:\d+:\d+: |error/.test(line)) console.log(line);
    },
  });
  const watched = isJekyllTree(root) ? "the site's folder" : "content/, _includes/, _data/";
  console.log(`Serving ${server.url}/ (the site's pages are below its base URL, to this machine only); watching ${watched}. Ctrl+C stops.`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // The server's thread ended by itself (the reason is in the terminal): nothing is served any more.
  return (await server.stopped) === undefined ? 0 : 1;
}
