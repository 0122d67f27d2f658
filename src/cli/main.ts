#!/usr/bin/env node
import { type CommandSpec, helpText, type ParsedArgs, parseCommandArgs, UsageError } from "./args.ts";
import { printFailure, requestedFormat } from "./check-report.ts";
import { reportFailure } from "./report.ts";

// `stitch-docs <command> [options]`: the package's one command-line tool (its `bin`), which the
// npm scripts run compiled (dist/cli/main.js). Each command's module declares its options
// (`spec`) and runs (`run`); it is loaded only when asked for, and loads the build only when it
// runs one, so that `--help`, a mistake in the arguments and `new` answer at once.

interface CommandModule {
  spec: CommandSpec;
  run(args: ParsedArgs): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  build: { summary: "check the site, then build it into _site/", load: () => import("./build.ts") },
  check: { summary: "report every problem in the site; publish nothing", load: () => import("./check.ts") },
  start: { summary: "build, serve on http://127.0.0.1:8080/ and rebuild on save (alias: serve)", load: () => import("./start.ts") },
  serve: { summary: "", load: () => import("./start.ts") },
  new: { summary: "create a tutorial that checks clean, to fill in", load: () => import("./new-tutorial.ts") },
  schema: { summary: "write the front matter's JSON Schema, for editors", load: () => import("./schema.ts") },
};

function usage(): string {
  const names = Object.keys(COMMANDS).filter((name) => COMMANDS[name]!.summary !== "");
  const width = Math.max(...names.map((name) => name.length));
  return [
    "usage: stitch-docs <command> [options]",
    "",
    "commands:",
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`),
    "",
    "`stitch-docs <command> --help` lists a command's options.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console[command === undefined ? "error" : "log"](usage());
    return command === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (entry === undefined) {
    console.error(`error: unknown command ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(", ")}; see: stitch-docs --help)`);
    return 2;
  }
  // Eleventy's ESM cache buster (a module-loader hook on a thread of its own, under Node 20)
  // re-imports JavaScript config and data files its watch mode changed; this tool gives
  // Eleventy none, and every import after the hook went through that thread (about 5% of the
  // own site's build). Eleventy's documented switch (11ty/eleventy#3371), before it loads.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  const module = await entry.load();
  try {
    const args = parseCommandArgs(module.spec, rest);
    if (args.values.help) {
      console.log(helpText(module.spec));
      return 0;
    }
    return await module.run(args);
  } catch (error) {
    // Anything else is a failure to report as one, never a stack trace.
    if (!(error instanceof UsageError)) return reportFailure(error);
    // In the format the arguments asked for: `--format json` gets JSON even for a wrong option.
    const cwd = process.cwd();
    printFailure({ messages: [error.message] }, "usage", { format: requestedFormat(rest), root: cwd, cwd }, `error: ${error.message}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
