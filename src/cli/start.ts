import { startDevServer } from "../dev/dev-server.ts";
import { reportFailure } from "./report.ts";

// `npm start`: build, serve on 127.0.0.1 (PORT, default 8080) and rebuild on every change.
try {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  const server = await startDevServer({ root: process.cwd(), port });
  console.log(`Serving ${server.url}/ (the site's pages are below its base URL); watching content/, _includes/, _data/. Ctrl+C stops.`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  process.exitCode = reportFailure(error);
}
