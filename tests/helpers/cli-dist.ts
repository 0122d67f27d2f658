import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where vitest's globalSetup (compile-cli.ts) compiles the CLI for the tests: gitignored, per checkout. */
export const CLI_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.cache/test-dist");
