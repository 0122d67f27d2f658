import path from "node:path";
import { startDevServer } from "../dev/dev-server.ts";
import { parseSiteFolderArg } from "./check-report.ts";
import { reportFailure } from "./report.ts";

/** `npm start -- --source DIR`: the site to serve (default: the working folder). */
function sourceArg(args: string[]): string {
  let source = ".";
  for (let i = 0; i < args.length; i++) {
    const folder = parseSiteFolderArg(args, i);
    if (folder?.key !== "source" || !folder.value) throw new Error(`unknown option ${args[i]} (options: --source DIR)`);
    source = folder.value;
    i = folder.next;
  }
  return path.resolve(source);
}

// `npm start`: build, serve on 127.0.0.1 (PORT, default 8080) and rebuild on every change.
try {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number (0 to 65535; 0 picks a free one), not ${JSON.stringify(process.env.PORT)}`);
  const server = await startDevServer({ root: sourceArg(process.argv.slice(2)), port });
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
