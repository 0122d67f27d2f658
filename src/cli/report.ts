/**
 * Turns a build failure into what an author can act on: Eleventy wraps the real error (a
 * Liquid error with its file and line, a YAML error, ...) in several layers; show the
 * innermost messages, not a stack trace. Returns the exit code.
 */
export function reportFailure(error: unknown): number {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    if (!messages.includes(current.message)) messages.push(current.message);
    current = (current as Error & { originalError?: unknown }).originalError ?? current.cause;
  }
  if (messages.length === 0) messages.push(String(error));
  console.error(`error: ${messages.join("\n  caused by: ")}`);
  return 1;
}
