import type { IncomingMessage } from "node:http";

/**
 * What the dev server refuses before it looks at a path. It serves this machine only: a request
 * must name it (`Host: 127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`), or a page on another
 * site could read it through a name that resolves to 127.0.0.1 (DNS rebinding). And it only
 * reads: GET and HEAD.
 */

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  message: string;
}

export const ALLOWED_METHODS = ["GET", "HEAD"];

export function refusalOf(request: IncomingMessage, port: number): Refusal | undefined {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !allowedHosts.includes(host)) {
    return {
      status: 421,
      headers: {},
      message: `This development server answers only requests for ${allowedHosts.join(", ")}, not for ${JSON.stringify(request.headers.host ?? "")}.`,
    };
  }
  if (!ALLOWED_METHODS.includes(request.method ?? "")) {
    return {
      status: 405,
      headers: { allow: ALLOWED_METHODS.join(", ") },
      message: `This development server only reads: ${ALLOWED_METHODS.join(" and ")}, not ${request.method}.`,
    };
  }
  // The origin form only (`GET /docs/x`): an absolute URL would name a host of its own.
  if (!request.url?.startsWith("/")) {
    return { status: 400, headers: {}, message: "Ask for a path on this server (starting with /)." };
  }
  return undefined;
}
