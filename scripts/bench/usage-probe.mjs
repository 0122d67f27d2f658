// Preload (`node --import`): at exit, writes this process's own peak resident memory (kB) and CPU
// time (s), as GNU time's "%M %U %S", to $BENCH_USAGE_FILE. Child processes are not counted.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  if (process.env.BENCH_USAGE_FILE) writeFileSync(process.env.BENCH_USAGE_FILE, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
});
