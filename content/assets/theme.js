// Runs in <head>, before the page is painted, so a reader who chose a theme never sees the other
// one flash. An external file rather than an inline script: the page's CSP allows no inline code.
// The "js" class lets the stylesheet hide what only works with JavaScript until site.js sets it up.
(() => {
  const root = document.documentElement;
  root.classList.add("js");
  try {
    const theme = localStorage.getItem("theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch {
    // Storage can be blocked (private modes, policies): the system setting applies.
  }
})();
