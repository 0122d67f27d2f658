// Progressive enhancement for the region IP component (_includes/shared/stitch-ip-addresses.html):
// shows its port field and writes the reader's port into every marked spot of its rules
// (`data-firewall-port`), and into the tunnel diagram's. Without this script the page shows the
// rules for the default port with a note on where to change it.
for (const component of document.querySelectorAll("[data-stitch-ip-addresses]")) {
  const control = component.querySelector("[data-firewall-port-control]");
  const input = control?.querySelector("[data-firewall-port-input]");
  if (!control || !input) continue;
  const status = control.querySelector("[role=status]");
  const note = component.querySelector("[data-firewall-port-note]");
  control.hidden = false;
  if (note) note.hidden = true;
  input.addEventListener("input", () => {
    const text = input.value.trim();
    const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    const valid = port >= 1 && port <= 65535;
    input.setAttribute("aria-invalid", String(!valid));
    if (!valid) {
      if (status) status.textContent = "Enter a port from 1 to 65535; the rules keep the last valid one.";
      return;
    }
    for (const spot of component.querySelectorAll("[data-firewall-port]")) spot.textContent = String(port);
    // The tunnel diagram (_includes/shared/ssh-tunnel-diagram.html) shows the same SSH port.
    for (const diagram of document.querySelectorAll("[data-ssh-tunnel-diagram]")) {
      for (const spot of diagram.querySelectorAll("[data-firewall-port]")) spot.textContent = String(port);
      for (const text of diagram.querySelectorAll("[data-firewall-port-template]")) {
        text.textContent = text.getAttribute("data-firewall-port-template").replaceAll("{port}", String(port));
      }
    }
    if (status) status.textContent = `The rules below now use port ${port}.`;
  });
}
