// npm start's live reload, served as /__dev/reload.js: a same-origin script, which the pages'
// Content-Security-Policy (`script-src 'self'`) allows where an inline one is blocked.
// The tag that loads it carries the version of what the server served (data-version); the event
// stream says the current one when it connects and each new one after a build, and the page
// reloads when they differ. So a page also catches up on builds it missed while disconnected,
// and on a restarted server (whose versions start afresh).
(() => {
  const loaded = document.currentScript?.dataset.version;
  const FIRST_RETRY_MS = 1000;
  const LAST_RETRY_MS = 30_000;
  let retryMs = FIRST_RETRY_MS;

  function connect() {
    const events = new EventSource("/__dev/events");
    const compare = (event) => {
      if (event.data !== loaded) {
        events.close();
        location.reload();
      }
    };
    events.addEventListener("current", compare);
    events.addEventListener("build", compare);
    events.addEventListener("open", () => (retryMs = FIRST_RETRY_MS));
    events.addEventListener("error", () => {
      // A dropped connection is retried by the browser itself; an answer that is not an event
      // stream (another server on the port, say) closes it for good: retry, less and less often.
      if (events.readyState !== EventSource.CLOSED) return;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
    });
  }
  connect();
})();
