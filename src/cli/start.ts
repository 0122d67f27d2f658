import { startDevServer } from "../dev/dev-server.ts";
import { reportFailure } from "./report.ts";

// `npm start`: build, serve on 127.0.0.1 (PORT, default 8080) and rebuild on every change.
try {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0 to 65535; 0 picks a free one), not ${JSON.stringify(process.env.PORT)}`);
  const server = await startDevServer({ root: process.cwd(), port });
  console.log(`Serving ${server.url}/ (the site's pages are below its base URL, to this machine only); watching content/, _includes/, _data/. Ctrl+C stops.`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // The server's thread ended by itself (the reason is in the terminal): nothing is served any more.
  void server.stopped.then((reason) => {
    if (reason !== undefined) process.exit(1);
  });
} catch (error) {
  process.exitCode = reportFailure(error);
}
