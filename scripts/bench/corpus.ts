// The generator's corpora for `npm run bench`, deterministic for a given seed: this project's own
// site (data, includes, content: the small site), and the tutorial corpus, that site plus N
// tutorials shaped like the seed and N collection pages (half database integrations, half
// destinations) that the ssh-connection-guide-links include filters. The floor is plain-corpus.ts.
import { cp, mkdir, readdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { capitalize, pad, paragraph, quote, sentence, VERBS, WORDS, writeFiles } from "./prose.ts";
import { SeededRandom } from "./random.ts";

/** What a tutorial corpus holds. */
export interface TutorialCorpusOptions {
  n: number;
  seed: number;
  /**
   * How many collection pages say `ssh: true` and so appear in every tutorial's guide lists.
   * Bounded by default: with every page listed, each tutorial's output would grow with N and the
   * corpus would measure quadratic content rather than the generator.
   */
  listed: number | "all";
}

export const TUTORIAL_FOLDER = "common/bench";
const INTEGRATION_FOLDER = "integrations/databases/bench";
const DESTINATION_FOLDER = "destinations/bench";

const DATABASES = [
  "PostgreSQL",
  "MySQL",
  "MariaDB",
  "Oracle",
  "SQL Server",
  "MongoDB",
  "Aurora",
  "Redshift",
  "Snowflake",
  "BigQuery",
  "CockroachDB",
  "TimescaleDB",
  "Percona Server",
  "Db2",
  "Cassandra",
];
const HOSTS = ["self-hosted", "on a virtual machine", "in a private subnet", "behind a corporate firewall", "in a data centre", "on bare metal"];
const SHELL_COMMANDS = [
  "sudo ufw allow from 52.23.137.21 to any port 22",
  "ssh -N -L 5432:db.internal:5432 stitch@bastion.example.com",
  "sudo systemctl restart sshd",
  "grep -i allowusers /etc/ssh/sshd_config",
  "nc -zv db.internal 3306",
  "sudo journalctl -u ssh --since today",
];

export const tutorialSlug = (i: number) => `ssh-tunnel-${pad(i)}`;
const integrationSlug = (i: number) => `bench-db-${pad(i)}`;
const destinationSlug = (i: number) => `bench-warehouse-${pad(i)}`;

/** A YAML block scalar's body: every non-empty line indented. */
function indent(text: string, spaces: number): string {
  const prefix = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : prefix + line))
    .join("\n");
}

function databaseName(random: SeededRandom, i: number): string {
  return `${random.pick(DATABASES)} ${random.pick(HOSTS)} #${i}`;
}

/** The source of tutorial `i`; `marker` (for the incremental benchmark) lands in step 2. */
export function tutorialSource(i: number, options: TutorialCorpusOptions, marker = ""): string {
  const random = new SeededRandom(options.seed * 1_000_003 + i);
  const n = options.n;
  const other = (offset: number) => (i + offset) % n;
  const db = databaseName(random, i);
  const sshType = random.next() < 0.7 ? "generic" : "amazon";
  const collectionCount = Math.max(1, Math.floor(n / 2));
  const relatedIntegration = integrationSlug(random.int(0, collectionCount - 1));
  const fence = "```";

  const intro = [
    "{% include misc/data-files.html %}",
    "",
    `If your ${db} database isn't publicly accessible, you can connect it to Stitch through an SSH tunnel. ${paragraph(random)}`,
    "",
    `This approach works for both [integrations]({{ site.baseurl }}/integrations) and [destinations]({{ site.baseurl }}/destinations). ${paragraph(random, 2)}`,
    "",
    "Additionally, note the following before you get started:",
    "",
    `- **Databases hosted in Amazon Web Services need different steps.** Refer to the [Amazon tutorial]({{ link.connections.ssh-amazon | prepend: site.baseurl }}) for them.`,
    "",
    `- **${sentence(random, 7)}** ${paragraph(random, 2)}`,
    "",
    `If you have questions about Stitch security, see the [Security FAQ]({{ link.account.security-faq | prepend: site.baseurl }}), or compare with [another tunnel]({{ site.baseurl }}/${TUTORIAL_FOLDER}/${tutorialSlug(other(1))}#configure-ssh-server).`,
  ].join("\n");

  const requirements = [
    `**An up and running, publicly accessible SSH server.** ${paragraph(random, 2)}\n\n   ${sentence(random)}`,
    `**The public IP address of the SSH server.** ${paragraph(random, 2)}`,
    `**Access to the [${db} connection settings]({{ "/integrations/databases/${relatedIntegration}" | relative_url }}){:target="new"}.** ${sentence(random)}`,
  ];

  const substeps = Array.from({ length: random.int(2, 3) }, (_, k) => ({
    title: `${capitalize(random.pick(VERBS))} the ${random.pick(WORDS)} ${k + 1}`,
    anchor: `database-detail-${k + 1}`,
    content: `${paragraph(random, 2)}\n\n${fence}shell\n${random.pick(SHELL_COMMANDS)}\n${fence}\n`,
  }));

  const steps = [
    {
      title: "Configure the SSH server to allow Stitch access",
      anchor: "configure-ssh-server",
      content: [
        `First, allow traffic from Stitch to reach the SSH server. Allow the following IP addresses on the SSH port, which is typically \`22\`:`,
        "",
        "  {% for ip-address in ip-addresses %}",
        "  - {{ ip-address.ip }}",
        "  {% endfor %}",
        "",
        `{% include note.html type="tip" content="Stitch's addresses differ by region: use the list for your account's region." %}`,
      ].join("\n"),
    },
    {
      title: "Configure the database to allow SSH server traffic",
      anchor: "configure-database",
      content: [
        `Next, allow traffic from the SSH server to the database. ${paragraph(random, 2)}${marker ? ` ${marker}` : ""}`,
        "",
        `${fence}shell`,
        random.pick(SHELL_COMMANDS),
        random.pick(SHELL_COMMANDS),
        fence,
        "",
        `See [step 1 of another tunnel]({{ site.baseurl }}/${TUTORIAL_FOLDER}/${tutorialSlug(other(2))}#configure-ssh-server) for the firewall side.`,
      ].join("\n"),
      substeps,
    },
    { title: "Retrieve your Public Key", anchor: "retrieve-your-public-key", content: "{% include shared/retrieve-public-key.html %}" },
    { title: "Create the Stitch SSH user", anchor: "create-stitch-ssh-user", content: "{% include shared/create-linux-user.html %}" },
    {
      title: "Complete the setup for Stitch",
      anchor: "complete-the-setup-for-stitch",
      content: `{% include shared/ssh-connection-guide-links.html ssh-type="${sshType}" %}`,
    },
  ];

  const lines = [
    "---",
    `title: ${quote(`Setting up an SSH tunnel for ${db}`)}`,
    `permalink: /${TUTORIAL_FOLDER}/${tutorialSlug(i)}`,
    `summary: ${quote(sentence(random))}`,
    "",
    "input: false",
    "layout: tutorial",
    "use-tutorial-sidebar: false",
    "",
    "intro: |",
    indent(intro, 2),
    "",
    "requirements:",
    ...requirements.map((item) => `  - item: |\n${indent(item, 6)}\n`),
    "steps:",
  ];
  for (const step of steps) {
    lines.push(`  - title: ${quote(step.title)}`, `    anchor: ${quote(step.anchor)}`, "    content: |", indent(step.content, 6));
    if ("substeps" in step && step.substeps) {
      lines.push("    substeps:");
      for (const sub of step.substeps) {
        lines.push(`      - title: ${quote(sub.title)}`, `        anchor: ${quote(sub.anchor)}`, "        content: |", indent(sub.content, 10));
      }
    }
    lines.push("");
  }
  lines.push(
    "next-steps: |",
    indent(`${paragraph(random, 2)} Continue with [the next tunnel]({{ site.baseurl }}/${TUTORIAL_FOLDER}/${tutorialSlug(other(3))}).`, 2),
    "---",
    "{% include misc/data-files.html %}",
    "",
  );
  return lines.join("\n");
}

/** Which collection pages (by index among all 2 x N/2) say `ssh: true`: spread evenly. */
function listedIndexes(total: number, listed: number | "all"): Set<number> {
  const count = listed === "all" ? total : Math.min(listed, total);
  const indexes = new Set<number>();
  for (let k = 0; k < count; k++) indexes.add(Math.floor((k * total) / count));
  return indexes;
}

function collectionPageSource(kind: "integration" | "destination", i: number, ssh: boolean, options: TutorialCorpusOptions): string {
  const random = new SeededRandom(options.seed * 7_919 + i * 2 + (kind === "integration" ? 0 : 1));
  const name = databaseName(random, i);
  const amazon = ssh && random.next() < 0.3;
  const permalink = kind === "integration" ? `/integrations/databases/${integrationSlug(i)}` : `/destinations/bench/${destinationSlug(i)}`;
  const settingsPage = kind === "integration" ? "integration-settings" : "destination-settings";
  const guide = amazon ? "ssh-amazon" : "ssh-generic";
  return [
    "---",
    `title: ${quote(name)}`,
    `permalink: ${permalink}`,
    `summary: ${quote(sentence(random))}`,
    "layout: page",
    `ssh: ${ssh}`,
    `amazon: ${amazon}`,
    "---",
    `${name} is a ${kind === "integration" ? "source that Stitch extracts data from" : "destination that Stitch loads data into"}. ${paragraph(random)}`,
    "",
    "## Connecting through an SSH tunnel {#ssh-tunnel}",
    "",
    `Set the tunnel up with [the SSH tunnel guide]({{ site.data.links.connections.${guide} | relative_url }}) or [a worked example]({{ "/${TUTORIAL_FOLDER}/${tutorialSlug(i % options.n)}" | relative_url }}). ${paragraph(random, 2)}`,
    "",
    "## Connection settings",
    "",
    `Enter the host, port and a database user on the **{{ site.data.ui.page-names.${settingsPage} }}** page. ${paragraph(random, 2)}`,
    "",
  ].join("\n");
}

export function tutorialFile(root: string, i: number): string {
  return path.join(root, "content", TUTORIAL_FOLDER, `${tutorialSlug(i)}.md`);
}

/** This project's own site (data, includes, content), at `root`: the small site. */
export async function writeOwnSite(projectRoot: string, root: string): Promise<void> {
  for (const dir of ["_data", "_includes", "content"]) {
    await cp(path.join(projectRoot, dir), path.join(root, dir), { recursive: true });
  }
  // The screenshots' encodings, kept by content (src/publish/image-cache.ts), are the project's:
  // a cold build measures the generator, not AVIF encoding, which a real site does once.
  await mkdir(path.join(projectRoot, ".cache"), { recursive: true });
  await rm(path.join(root, ".cache"), { recursive: true, force: true });
  await symlink(path.join(projectRoot, ".cache"), path.join(root, ".cache"));
}

/** The project's site plus N tutorials and N collection pages, at `root`. */
export async function writeTutorialCorpus(projectRoot: string, root: string, options: TutorialCorpusOptions): Promise<void> {
  await writeOwnSite(projectRoot, root);
  const files: Array<[string, string]> = [];
  for (let i = 0; i < options.n; i++) files.push([tutorialFile(root, i), tutorialSource(i, options)]);

  const integrations = Math.ceil(options.n / 2);
  const destinations = options.n - integrations;
  const listed = listedIndexes(options.n, options.listed);
  for (let i = 0; i < integrations; i++) {
    const file = path.join(root, "content", INTEGRATION_FOLDER, `${integrationSlug(i)}.md`);
    files.push([file, collectionPageSource("integration", i, listed.has(i), options)]);
  }
  for (let i = 0; i < destinations; i++) {
    const file = path.join(root, "content", DESTINATION_FOLDER, `${destinationSlug(i)}.md`);
    files.push([file, collectionPageSource("destination", i, listed.has(integrations + i), options)]);
  }
  await writeFiles(files);
}

/** The files in a site's content/ that the generator renders into pages (Jekyll's page kinds). */
const PAGE_EXTENSIONS = new Set([".md", ".html", ".liquid"]);

/** How many pages a site (this project's layout: pages below content/) gives the generator. */
export async function countPageFiles(root: string): Promise<number> {
  const entries = await readdir(path.join(root, "content"), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && PAGE_EXTENSIONS.has(path.extname(entry.name))).length;
}
