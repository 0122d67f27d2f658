import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

/**
 * The Amazon tutorial's screenshots: mock console forms drawn as SVG (written to
 * scripts/screenshots/svg/, the sources) and rendered to PNG with sharp into
 * content/assets/images/, which the build serves as AVIF/WebP/PNG. Run it again after changing a
 * form: `node --import tsx scripts/screenshots/make-screenshots.ts`. They are mock-ups, not
 * captures of the real consoles: the field names follow the tutorial's steps.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const WIDTH = 1200;
const FONT = "DejaVu Sans, sans-serif";

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const text = (x: number, y: number, content: string, size = 20, fill = "#16191f", weight = "normal") =>
  `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" fill="${fill}">${esc(content)}</text>`;
const box = (x: number, y: number, w: number, h: number, fill = "#ffffff", stroke = "#8d99a8", radius = 6) =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${radius}" fill="${fill}" stroke="${stroke}" stroke-width="2"/>`;

interface Form {
  /** The mock app's name in its header bar, and the bar's colour. */
  app?: [string, string];
  title: string;
  crumb: string;
  height: number;
  body: string;
}

function frame({ app = ["Cloud console (mock-up)", "#232f3e"], title, crumb, height, body }: Form): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<title>${esc(`${title} (mock-up)`)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#f2f3f3"/>`,
    `<rect width="${WIDTH}" height="56" fill="${app[1]}"/>`,
    text(24, 36, app[0], 20, "#ffffff", "bold"),
    text(WIDTH - 250, 36, "Region: us-east-1", 18, "#e9ebed"),
    text(32, 96, crumb, 17, "#0972d3"),
    text(32, 136, title, 30, "#16191f", "bold"),
    body,
    "</svg>",
  ].join("\n");
}

/** A labelled input; `highlight` draws the field the tutorial's step is about. */
function field(x: number, y: number, w: number, label: string, value: string, options: { hint?: string; highlight?: boolean; select?: boolean } = {}): string {
  const parts = [text(x, y, label, 18, "#16191f", "bold"), box(x, y + 12, w, 44, "#ffffff", options.highlight ? "#d13212" : "#8d99a8")];
  if (options.highlight) parts.push(`<rect x="${x - 6}" y="${y + 6}" width="${w + 12}" height="56" rx="9" fill="none" stroke="#d13212" stroke-width="3"/>`);
  parts.push(text(x + 14, y + 41, value, 18, value.startsWith("Choose") ? "#5f6b7a" : "#16191f"));
  if (options.select) parts.push(`<path d="M ${x + w - 30} ${y + 30} l 8 9 l 8 -9" fill="none" stroke="#16191f" stroke-width="2.5"/>`);
  if (options.hint) parts.push(text(x, y + 80, options.hint, 16, "#5f6b7a"));
  return parts.join("\n");
}

function panel(x: number, y: number, w: number, h: number, heading: string): string {
  return [
    box(x, y, w, h, "#ffffff", "#d5dbdb", 10),
    text(x + 24, y + 40, heading, 22, "#16191f", "bold"),
    `<line x1="${x}" y1="${y + 60}" x2="${x + w}" y2="${y + 60}" stroke="#e9ebed" stroke-width="2"/>`,
  ].join("\n");
}

function button(x: number, y: number, label: string, primary = false): string {
  const w = label.length * 11 + 40;
  return [
    `<rect x="${x}" y="${y}" width="${w}" height="44" rx="22" fill="${primary ? "#ff9900" : "#ffffff"}" stroke="${primary ? "#ff9900" : "#0972d3"}" stroke-width="2"/>`,
    text(x + 20, y + 29, label, 18, primary ? "#16191f" : "#0972d3", "bold"),
  ].join("\n");
}

function toggle(x: number, y: number, label: string, on: boolean): string {
  return [
    `<rect x="${x}" y="${y}" width="52" height="28" rx="14" fill="${on ? "#0972d3" : "#8d99a8"}"/>`,
    `<circle cx="${on ? x + 38 : x + 14}" cy="${y + 14}" r="10" fill="#ffffff"/>`,
    text(x + 68, y + 21, label, 18),
  ].join("\n");
}

/** A table of rules: header, then rows; `highlight` rows are the ones the step adds. */
function rulesTable(x: number, y: number, columns: Array<[string, number]>, rows: string[][], highlight: number[]): string {
  const width = columns.reduce((sum, [, w]) => sum + w, 0);
  const parts = [`<rect x="${x}" y="${y}" width="${width}" height="44" fill="#f4f4f4"/>`];
  let cx = x;
  for (const [heading, w] of columns) {
    parts.push(text(cx + 14, y + 29, heading, 17, "#16191f", "bold"));
    cx += w;
  }
  rows.forEach((row, i) => {
    const ry = y + 44 + i * 48;
    parts.push(`<rect x="${x}" y="${ry}" width="${width}" height="48" fill="${highlight.includes(i) ? "#f2f8fd" : "#ffffff"}"/>`);
    parts.push(`<line x1="${x}" y1="${ry + 48}" x2="${x + width}" y2="${ry + 48}" stroke="#e9ebed" stroke-width="2"/>`);
    let rx = x;
    row.forEach((cell, c) => {
      parts.push(text(rx + 14, ry + 31, cell, 17, "#16191f"));
      rx += columns[c]![1];
    });
  });
  return parts.join("\n");
}

/** The columns of the EC2 console's "Edit inbound rules" table, with their widths. */
const INBOUND_RULE_COLUMNS: Array<[string, number]> = [
  ["Type", 220],
  ["Protocol", 160],
  ["Port range", 180],
  ["Source", 300],
  ["Description", 228],
];

const screenshots: Record<string, Form> = {
  "aws-launch-instance-network": {
    title: "Launch an instance",
    crumb: "EC2  >  Instances  >  Launch an instance",
    height: 720,
    body: [
      panel(32, 170, 1136, 190, "Key pair (login)"),
      field(56, 262, 560, "Key pair name", "my-ssh-key", { select: true, highlight: true, hint: "You sign in to the instance with this key." }),
      button(640, 274, "Create new key pair"),
      panel(32, 384, 1136, 300, "Network settings"),
      field(56, 476, 520, "VPC", "vpc-0a1b2c3d (database VPC)", { select: true }),
      field(620, 476, 520, "Subnet", "subnet-4e5f (public, us-east-1a)", { select: true }),
      text(56, 600, "Auto-assign public IP", 18, "#16191f", "bold"),
      toggle(56, 618, "Enable", true),
      button(940, 620, "Launch instance", true),
    ].join("\n"),
  },
  "aws-ssh-server-inbound-rules": {
    title: "Edit inbound rules",
    crumb: "EC2  >  Security Groups  >  sg-0ssh1234 (ssh-server)  >  Edit inbound rules",
    height: 610,
    body: [
      panel(32, 170, 1136, 410, "Inbound rules"),
      rulesTable(
        56,
        250,
        INBOUND_RULE_COLUMNS,
        [
          ["SSH", "TCP", "22", "52.23.137.21/32", "Stitch"],
          ["SSH", "TCP", "22", "52.204.223.208/32", "Stitch"],
          ["SSH", "TCP", "22", "52.204.228.32/32", "Stitch"],
          ["SSH", "TCP", "22", "52.204.230.227/32", "Stitch"],
        ],
        [0, 1, 2, 3],
      ),
      button(56, 510, "Add rule"),
      button(964, 510, "Save rules", true),
    ].join("\n"),
  },
  "aws-database-inbound-rule": {
    title: "Edit inbound rules",
    crumb: "EC2  >  Security Groups  >  sg-0db5678 (database)  >  Edit inbound rules",
    height: 460,
    body: [
      panel(32, 170, 1136, 260, "Inbound rules"),
      rulesTable(56, 250, INBOUND_RULE_COLUMNS, [["PostgreSQL", "TCP", "5432", "sg-0ssh1234 (ssh-server)", "SSH server"]], [0]),
      button(56, 370, "Add rule"),
      button(964, 370, "Save rules", true),
    ].join("\n"),
  },
  "stitch-ssh-connection-form": {
    app: ["Stitch (mock-up)", "#1f4b5f"],
    title: "Configure your PostgreSQL integration",
    crumb: "Integrations  >  Add integration  >  PostgreSQL",
    height: 720,
    body: [
      panel(32, 170, 1136, 210, "Connection"),
      field(56, 262, 720, "Host (endpoint)", "mydb.abc123.us-east-1.rds.amazonaws.com", {
        hint: "The database's private endpoint, as the SSH server sees it.",
      }),
      field(820, 262, 320, "Port", "5432"),
      panel(32, 404, 1136, 290, "Encryption"),
      toggle(56, 480, "Use SSH tunnel", true),
      field(56, 566, 520, "SSH host", "54.210.12.34", { highlight: true, hint: "The instance's public IPv4 address." }),
      field(620, 566, 200, "SSH port", "22"),
      field(860, 566, 280, "SSH user", "stitch"),
    ].join("\n"),
  },
};

const svgDir = path.join(here, "svg");
const pngDir = path.join(root, "content/assets/images");
mkdirSync(svgDir, { recursive: true });
mkdirSync(pngDir, { recursive: true });
for (const [name, form] of Object.entries(screenshots)) {
  const svg = frame(form);
  writeFileSync(path.join(svgDir, `${name}.svg`), `${svg}\n`);
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  writeFileSync(path.join(pngDir, `${name}.png`), png);
  console.log(`${name}.png: ${png.length} bytes`);
}
