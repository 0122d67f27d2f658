// Preload (`node --import`) for machines without GNU time: writes this process's peak resident
// memory, in kilobytes like GNU time's %M, to $BENCH_RSS_FILE when it exits.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
