// The redirect page (_includes/layouts/redirect.html) of an old address: goes on to the page's new
// address (the script's data-redirect-to) keeping the old one's #fragment, so an old link to a
// step lands on that step. A meta refresh can't carry the fragment; it stays in the page as the
// fallback without JavaScript. Runs in <head>, before the refresh (which waits for the load).
const to = document.currentScript?.dataset.redirectTo;
if (to) window.location.replace(new URL(to, window.location.href).pathname + window.location.hash);
