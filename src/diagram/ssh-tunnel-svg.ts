import { escapeHtml } from "../support/html.ts";

/**
 * The SSH tunnel as an inline SVG, top to bottom: Stitch's addresses (every region, labelled) ->
 * the SSH server's firewall -> the SSH server on its port -> the database's firewall -> the
 * database on its port. Drawn top to bottom so that it stays legible on a phone.
 *
 * No colours here: every shape and text has a class, and site.css paints them with the theme's
 * custom properties, so the picture follows light and dark mode. Text is laid out by estimated
 * widths (SVG text does not wrap); the box holding the addresses widens for long ones (IPv6).
 */

export interface TunnelRegion {
  key: string;
  name: string;
  addresses: string[];
}

export interface TunnelDiagram {
  /** Unique on the page: the SVG's title and description are named after it. */
  id: string;
  regions: TunnelRegion[];
  sshPort: number;
  /** What the database is called in the picture ("Database"). */
  database: string;
  /** The database's port, or null for "its port" (the page explains where to find it). */
  databasePort: number | null;
}

const PAD = 14;
const LINE = 17;
const MONO_CHAR = 7.6; // 12.5px monospace
const MIN_WIDTH = 360;
const ARROW = 92;
const NODE = 54;
const WALL_X = 34;
const WALL_WIDTH = 52;

const text = (x: number, y: number, className: string, content: string, extra = "") => `<text x="${x}" y="${y}" class="${className}"${extra}>${content}</text>`;

/** The SSH port as text the page's port field rewrites (firewall-port.js), like the rules' ports. */
const sshPortSpan = (port: number) => `<tspan data-firewall-port>${port}</tspan>`;

function regionCells(regions: TunnelRegion[], innerWidth: number, top: number) {
  const longest = Math.max(0, ...regions.flatMap((region) => [...region.addresses, region.name].map((entry) => entry.length)));
  const columns = regions.length > 1 && longest * MONO_CHAR * 2 + PAD <= innerWidth ? 2 : 1;
  const cellWidth = (innerWidth - (columns - 1) * PAD) / columns;
  const parts: string[] = [];
  let y = top;
  for (let row = 0; row < regions.length; row += columns) {
    const inRow = regions.slice(row, row + columns);
    inRow.forEach((region, column) => {
      const x = PAD * 2 + column * (cellWidth + PAD);
      const lines = region.addresses.map((address, i) => text(x, y + LINE * (i + 2), "tunnel-address", escapeHtml(address)));
      parts.push(
        `<g class="tunnel-region" data-ip-region="${escapeHtml(region.key)}">${text(x, y + LINE, "tunnel-region-name", escapeHtml(region.name))}${lines.join("")}</g>`,
      );
    });
    y += LINE * (1 + Math.max(...inRow.map((region) => region.addresses.length))) + 8;
  }
  return { svg: parts.join("\n"), bottom: y };
}

/** A box with a bold name and one line under it; returns its markup. */
function node(y: number, width: number, name: string, detail: string, className: string) {
  return [
    `<rect x="${PAD}" y="${y}" width="${width - 2 * PAD}" height="${NODE}" rx="8" class="tunnel-box ${className}"/>`,
    text(PAD * 2, y + 22, "tunnel-name", name),
    text(PAD * 2, y + 41, "tunnel-detail", detail),
  ].join("\n");
}

/** The arrow down from `y`, through a firewall drawn across it, with what the firewall allows. */
function hop(y: number, title: string, allows: string, from: string) {
  const x = WALL_X + WALL_WIDTH / 2;
  const wallY = y + ARROW / 2 - 6;
  return [
    `<rect x="${WALL_X}" y="${wallY}" width="${WALL_WIDTH}" height="12" rx="2" class="tunnel-wall"/>`,
    `<path d="M${x} ${y + 2}V${y + ARROW - 10}" class="tunnel-arrow"/>`,
    `<path d="M${x - 6} ${y + ARROW - 12}L${x} ${y + ARROW - 2}L${x + 6} ${y + ARROW - 12}Z" class="tunnel-arrowhead"/>`,
    text(WALL_X + WALL_WIDTH + 16, y + ARROW / 2 - 16, "tunnel-name", title),
    text(WALL_X + WALL_WIDTH + 16, y + ARROW / 2 + 2, "tunnel-detail", allows),
    text(WALL_X + WALL_WIDTH + 16, y + ARROW / 2 + 19, "tunnel-detail", from),
  ].join("\n");
}

/** The description screen readers get in place of the picture: everything it shows. */
export function tunnelDescription(diagram: TunnelDiagram, sshPort = String(diagram.sshPort)): string {
  const lists = diagram.regions.map((region) => `${region.name}: ${region.addresses.join(", ")}`).join("; ");
  const databasePort = diagram.databasePort === null ? "the database's port" : `port ${diagram.databasePort}`;
  return (
    `Stitch connects from the addresses of your Stitch account's region (${lists}) to your SSH server on port ${sshPort}; ` +
    `the SSH server's firewall must allow TCP port ${sshPort} from those addresses. ` +
    `Through the SSH tunnel, the SSH server connects to the ${diagram.database} on ${databasePort}; ` +
    `the database's firewall must allow TCP ${databasePort} from the SSH server's IP address.`
  );
}

export function tunnelDiagramSvg(diagram: TunnelDiagram): string {
  const longest = Math.max(0, ...diagram.regions.flatMap((region) => region.addresses.map((address) => address.length)));
  const width = Math.max(MIN_WIDTH, Math.ceil(longest * MONO_CHAR + 4 * PAD));
  const ssh = sshPortSpan(diagram.sshPort);
  const databasePort = diagram.databasePort === null ? "its port" : `port ${diagram.databasePort}`;
  const databaseAllows = diagram.databasePort === null ? "allow TCP on the database’s port" : `allow TCP port ${diagram.databasePort}`;

  let y = PAD;
  const stitchTop = y;
  const cells = regionCells(diagram.regions, width - 4 * PAD, stitchTop + 44);
  const stitchBottom = cells.bottom + 4;
  const parts = [
    `<rect x="${PAD}" y="${stitchTop}" width="${width - 2 * PAD}" height="${stitchBottom - stitchTop}" rx="8" class="tunnel-box tunnel-stitch"/>`,
    text(PAD * 2, stitchTop + 22, "tunnel-name", "Stitch"),
    text(PAD * 2, stitchTop + 40, "tunnel-detail", "connects from your region’s addresses"),
    cells.svg,
  ];
  y = stitchBottom;
  parts.push(hop(y, "SSH server’s firewall", `allow TCP port ${ssh} from`, "Stitch’s addresses for your region"));
  y += ARROW;
  parts.push(node(y, width, "SSH server", `public IP address, port ${ssh}`, "tunnel-ssh"));
  y += NODE;
  parts.push(hop(y, "Database’s firewall", databaseAllows, "from the SSH server’s IP address"));
  y += ARROW;
  parts.push(node(y, width, escapeHtml(diagram.database), databasePort, "tunnel-database"));
  y += NODE + PAD;

  const id = escapeHtml(diagram.id);
  const description = tunnelDescription(diagram);
  // The description's template lets the port field rewrite it with the picture's ports.
  const template = escapeHtml(tunnelDescription(diagram, "{port}"));
  return [
    `<svg class="tunnel-diagram-svg" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${width} ${y}" width="${width}" height="${y}">`,
    `<title id="${id}-title">How Stitch reaches your database through an SSH tunnel</title>`,
    `<desc id="${id}-desc" data-firewall-port-template="${template}">${escapeHtml(description)}</desc>`,
    ...parts,
    "</svg>",
  ].join("\n");
}
