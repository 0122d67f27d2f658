import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Site builds and browser sessions take seconds, not milliseconds; no test asserts on time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
