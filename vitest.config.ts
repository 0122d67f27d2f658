import { defineConfig } from "vitest/config";

/**
 * Two projects: `system`, the suites that need a browser (chromium), root or system services
 * (sshd, PostgreSQL, nftables, iptables, a tmpfs mount) or Jekyll (the differential tests); and
 * `quick`, everything else. `vitest run` (npm test, CI) runs both; `npm run test:quick` runs
 * `quick` alone, for the edit-test loop. The globalSetup compiles the CLI once per run, for the
 * tests that run it as a child process (tests/helpers/cli.ts).
 */
const SYSTEM = [
  "tests/browser/**/*.test.ts",
  "tests/**/*.browser.test.ts",
  "tests/**/*.jekyll.test.ts",
  "tests/jekyll/*-differential.test.ts",
  "tests/tunnel/**/*.test.ts",
  "tests/firewall/rules-with-tools.test.ts",
  "tests/publish/disk-full.test.ts",
];

export default defineConfig({
  test: {
    // Site builds and browser sessions take seconds, not milliseconds; no test asserts on time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/helpers/compile-cli.ts"],
    // Each test module as transformed, kept between runs (keyed by its content): a run after an
    // edit transforms again only what changed, about 4 s of the quick run's CPU. Not in .cache/:
    // the fixture sites link to it, and tests list what is in them.
    experimental: { fsModuleCache: true, fsModuleCachePath: ".vitest-modules" },
    projects: [
      // One module graph per worker, not per file: importing the sources (Eleventy, LiquidJS,
      // markdown-it, ...) again for each file took more than half of the quick run's time.
      // Tests leave no global state behind (an environment variable set is restored). Two
      // workers, not vitest's default of one on two cores: much of a file's time is spent waiting
      // on the child processes and threads it starts, time the other worker's file can use.
      // The system project runs after it (groupOrder), with vitest's default workers: its suites
      // share services and a browser.
      {
        extends: true,
        test: { name: "quick", include: ["tests/**/*.test.ts"], exclude: SYSTEM, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "system", include: SYSTEM, sequence: { groupOrder: 1 } } },
    ],
  },
});
