import { parentPort, workerData } from "node:worker_threads";
import { DevHttpServer, type HttpServerConfig } from "./http-server.ts";
import type { ThreadMessage, ThreadReply } from "./http-thread.ts";

/**
 * The thread npm start's HTTP server runs on (see http-thread.ts). Updates are applied in the
 * order they were sent, each acknowledged once the server answers with it; "close" stops the
 * server and ends the thread.
 */

const port = parentPort!;
const server = new DevHttpServer(workerData as HttpServerConfig);
const reply = (message: ThreadReply) => port.postMessage(message);

let applying: Promise<void> = Promise.resolve();
port.on("message", (message: ThreadMessage) => {
  applying = applying.then(async () => {
    if (message.type === "close") {
      await server.close();
      port.close();
      return;
    }
    try {
      await server.apply(message.update);
      reply({ type: "applied", id: message.id });
    } catch (error) {
      reply({ type: "failed", message: `could not apply an update: ${(error as Error).message}` });
    }
  });
});

server.listen().then(
  (listening) => reply({ type: "listening", port: listening }),
  (error: Error) => reply({ type: "failed", message: error.message }),
);
