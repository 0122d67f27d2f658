#!/usr/bin/env node
// `stitch-docs <command> [options]`: the package's one command-line tool (its `bin`), which the
// npm scripts run compiled (dist/cli/main.js). Each command's module is loaded only when asked
// for, so `new` never loads the build.

const COMMANDS: Record<string, string> = {
  build: "./build.ts",
  check: "./check.ts",
  start: "./start.ts",
  serve: "./start.ts",
  new: "./new-tutorial.ts",
};

const [command, ...rest] = process.argv.slice(2);
const module = command === undefined ? undefined : COMMANDS[command];
if (module === undefined) {
  console.error(
    `usage: stitch-docs <${Object.keys(COMMANDS).join("|")}> [options]${command === undefined ? "" : `\nerror: unknown command ${JSON.stringify(command)}`}`,
  );
  process.exitCode = 2;
} else {
  // The command's module reads its own arguments from process.argv, as when it is run alone.
  process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
  await import(module);
}
