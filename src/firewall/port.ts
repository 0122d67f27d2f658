/** The TCP port a rule opens: SSH's 22 unless the reader's server listens elsewhere. */
export const DEFAULT_SSH_PORT = 22;

export class PortError extends Error {
  override name = "PortError";
}

/** Accepts a number or a string of digits (a Liquid include parameter), 1 to 65535. */
export function parsePort(value: unknown): number {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new PortError(`the port must be a whole number from 1 to 65535, not ${JSON.stringify(value ?? null)}`);
  }
  return port;
}
