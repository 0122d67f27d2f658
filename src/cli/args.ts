import { parseArgs } from "node:util";

/**
 * Each command's options, declared once: `node:util`'s strict `parseArgs` reads them and `--help`
 * lists them. A mistake in the arguments is a UsageError: one line, exit code 2.
 */

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** The value's placeholder in the help (`N`, `FOLDER`); string options only. */
  value?: string;
  /** The values it accepts, when they are a fixed set. */
  choices?: readonly string[];
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  /** One line: what the command does. */
  summary: string;
  /** The positional arguments, as the usage line shows them (`"TITLE..."`); none when absent. */
  positionals?: string;
  options: OptionSpecs;
  /** Lines printed after the options (examples, environment). */
  notes?: readonly string[];
}

export class UsageError extends Error {}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Options most commands share. */
export const SOURCE_OPTIONS: OptionSpecs = {
  source: { type: "string", short: "s", value: "DIR", description: "the site's folder (default: the current folder)" },
  destination: { type: "string", short: "d", value: "DIR", description: "where the site is built (default: _site in the site's folder)" },
};

export const HELP_OPTION: OptionSpecs = { help: { type: "boolean", short: "h", description: "show this help" } };

const flag = (name: string, spec: OptionSpec) =>
  `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;

export function helpText(spec: CommandSpec): string {
  const names = [spec.name, ...(spec.aliases ?? [])].join("|");
  const lines = [`usage: stitch-docs ${names} [options]${spec.positionals ? ` ${spec.positionals}` : ""}`, "", spec.summary, "", "options:"];
  const entries = Object.entries(spec.options);
  const width = Math.max(...entries.map(([name, option]) => flag(name, option).length));
  for (const [name, option] of entries) {
    lines.push(`  ${flag(name, option).padEnd(width)}  ${option.description}`);
  }
  if (spec.notes?.length) lines.push("", ...spec.notes);
  return lines.join("\n");
}

/** The option a parseArgs message names (`'--strcit'`, `'-x'`). */
const namedOption = (message: string) => /'(-[^' ]+)/.exec(message)?.[1] ?? "";

function usageMessage(spec: CommandSpec, error: Error & { code?: string }): string {
  const known = Object.keys(spec.options).map((name) => `--${name}`);
  const help = `see: stitch-docs ${spec.name} --help`;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${namedOption(error.message)} for "stitch-docs ${spec.name}" (its options: ${known.join(", ")}; ${help})`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = /--[\w-]+/.exec(error.message)?.[0] ?? namedOption(error.message);
      // "argument missing", or "ambiguous": the next word is an option (`--source --quiet`).
      return error.message.includes("does not take an argument") ? `${option} takes no value (${help})` : `${option} needs a value (${help})`;
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${JSON.stringify(/'([^']*)'/.exec(error.message)?.[1] ?? "")}: "stitch-docs ${spec.name}" takes options only (${help})`;
    default:
      return `${error.message} (${help})`;
  }
}

/** Parses `argv` strictly; a mistake throws a UsageError that says what is wrong in one line. */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]));
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: spec.positionals !== undefined }) as ParsedArgs;
  } catch (error) {
    throw new UsageError(usageMessage(spec, error as Error));
  }
  for (const [name, option] of Object.entries(spec.options)) {
    const value = parsed.values[name];
    if (option.choices && typeof value === "string" && !option.choices.includes(value)) {
      const names = option.choices.map((choice) => JSON.stringify(choice));
      throw new UsageError(`--${name} must be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}, not ${JSON.stringify(value)}`);
    }
  }
  return parsed;
}

/** A port number from `--port` or PORT: 0 to 65535 (0 picks a free one). */
export function portNumber(text: string, from: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535)
    throw new UsageError(`${from} must be a port number (0 to 65535; 0 picks a free one), not ${JSON.stringify(text)}`);
  return port;
}
