// Copy controls declared in the markup: a button with `data-copy-text` copies that text, one with
// `data-copy-target` copies the text of the element its selector names. Such buttons are
// rendered `hidden` (useless without JavaScript) and shown here.
// Stand-in for the site's general copy-button script (issue 3): when that script handles these
// attributes, this file and its <script> tag in _includes/layouts/base.html can go.
for (const button of document.querySelectorAll("button[data-copy-text], button[data-copy-target]")) {
  if (button.dataset.copyReady) continue;
  button.dataset.copyReady = "true";
  const status = document.createElement("span");
  status.className = "copy-status";
  status.setAttribute("role", "status");
  button.after(status);
  button.hidden = false;
  button.addEventListener("click", async () => {
    const target = button.dataset.copyTarget ? document.querySelector(button.dataset.copyTarget) : null;
    const text = button.dataset.copyText ?? (target ? target.textContent.trim() : "");
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied.";
    } catch {
      status.textContent = "Could not copy: select the text and copy it.";
    }
    setTimeout(() => (status.textContent = ""), 4000);
  });
}
