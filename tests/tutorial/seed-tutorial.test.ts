import type { Cheerio, CheerioAPI } from "cheerio";
import type { AnyNode } from "domhandler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltSite, buildProjectSite } from "../helpers/site.ts";

/** The texts of the links in a list of guides (a <details> of the last step). */
const linkTextsIn = ($: CheerioAPI, list: Cheerio<AnyNode>) =>
  list
    .find("li a")
    .map((_, a) => $(a).text())
    .get();

const SEED_URL = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON_URL = "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildProjectSite();
});
afterAll(() => site?.cleanup());

describe("the SSH tunnel tutorial (seed)", () => {
  it("is served at its permalink below the base URL, with its title", async () => {
    expect(site.fileFor(SEED_URL)).toBe("docs/common/databases/setting-up-ssh-tunnel-for-database-connection.html");
    const $ = await site.page(SEED_URL);
    expect($("h1").text()).toBe("Setting up an SSH Tunnel for a database connection");
    expect($("title").text()).toContain("Setting up an SSH Tunnel for a database connection");
  });

  it("renders the intro with its links resolved through the link map", async () => {
    const $ = await site.page(SEED_URL);
    const intro = $(".tutorial-intro");
    // Curly apostrophes, as kramdown's typography gives them.
    expect(intro.find("p").first().text()).toMatch(/^If your database isn’t publicly accessible/);
    // content/ carries the seed with its mojibake (isnâ€™t) repaired.
    expect(intro.find("li").eq(1).text()).toContain("An SSH tunnel isn’t necessarily more secure");
    expect(intro.text()).not.toContain("â€");
    const links = Object.fromEntries(
      intro
        .find("a")
        .map((_, a) => [[$(a).text(), $(a).attr("href")]])
        .get(),
    );
    expect(links).toEqual({
      integrations: "/docs/integrations",
      destinations: "/docs/destinations",
      "Setting up an SSH Tunnel for a database in Amazon Web Services": AMAZON_URL,
      "Security FAQ": "/docs/account-security/stitch-security",
    });
  });

  it("lists the prerequisites under a heading with id prerequisites, keeping the indented paragraph inside its item", async () => {
    const $ = await site.page(SEED_URL);
    expect($("h2#prerequisites").text()).toBe("Prerequisites");
    const items = $("#prerequisites").nextAll("ul").first().children("li");
    expect(items).toHaveLength(2);
    expect(items.eq(0).find("strong").text()).toBe("An up and running, publicly accessible SSH server.");
    expect(items.eq(0).find("p").eq(1).text()).toBe("Additionally, the server should be accessible from the internet.");
    expect(items.eq(1).find("strong").text()).toBe("The public IP address of the SSH server.");
  });

  it("numbers the five steps as h2 headings with their anchors as ids", async () => {
    const $ = await site.page(SEED_URL);
    const steps = $("article h2[id]")
      .filter((_, h) => $(h).text().startsWith("Step"))
      .map((_, h) => ({ id: $(h).attr("id"), text: $(h).text() }))
      .get();
    expect(steps).toEqual([
      { id: "configure-ssh-server-stitch-access", text: "Step 1: Configure the SSH server to allow Stitch access" },
      { id: "configure-database-allow-ssh-server-traffic", text: "Step 2: Configure the database to allow SSH server traffic" },
      { id: "retrieve-your-public-key", text: "Step 3: Retrieve your Public Key" },
      { id: "create-stitch-ssh-user", text: "Step 4: Create the Stitch SSH user" },
      { id: "complete-the-setup-for-stitch", text: "Step 5: Complete the setup for Stitch" },
    ]);
  });

  it("lists Stitch's North America IP addresses in step 1", async () => {
    const $ = await site.page(SEED_URL);
    const addresses = $("#configure-ssh-server-stitch-access")
      .parent()
      .find("ul")
      .first()
      .find("li")
      .map((_, li) => $(li).text().trim())
      .get();
    expect(addresses).toEqual(["52.23.137.21/32", "52.204.223.208/32", "52.204.228.32/32", "52.204.230.227/32"]);
  });

  it("explains where to find the public key, for an integration and for a destination", async () => {
    const $ = await site.page(SEED_URL);
    const step = $("#retrieve-your-public-key").parent();
    const summaries = step
      .find("details > summary")
      .map((_, s) => $(s).text())
      .get();
    expect(summaries).toEqual(["Retrieve the public key for an integration", "Retrieve the public key for a destination"]);
    expect(step.find("details").eq(0).find("ol > li").length).toBeGreaterThanOrEqual(4);
    // UI names come from _data/ui.yml.
    expect(step.find("details").eq(0).text()).toContain("Stitch Dashboard");
    const signIn = step.find('a[href="https://app.stitchdata.com"]').first();
    expect(signIn.attr("target")).toBe("new");
    expect(signIn.attr("rel")).toBe("noopener noreferrer");
  });

  it("gives the stitch user's creation commands as shell code blocks", async () => {
    const $ = await site.page(SEED_URL);
    const blocks = $("#create-stitch-ssh-user")
      .parent()
      .find("pre > code")
      .map((_, code) => ({ lang: $(code).attr("class"), text: $(code).text() }))
      .get();
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(block.lang).toContain("language-shell");
    const commands = blocks.map((block) => block.text).join("");
    expect(commands).toContain("sudo useradd");
    expect(commands).toContain("sudo su - stitch");
    expect(commands).toContain("chmod 600 ~/.ssh/authorized_keys");
    expect(commands).toContain('echo "<PUBLIC KEY>" >> ~/.ssh/authorized_keys');
  });

  it("links every SSH-capable database not hosted in AWS in the last step (generic guide links)", async () => {
    const $ = await site.page(SEED_URL);
    const step = $("#complete-the-setup-for-stitch").parent();
    const [integrations, destinations] = [0, 1].map((list) => linkTextsIn($, step.find("details").eq(list)));
    expect(integrations).toEqual(["Magento", "MariaDB", "Microsoft Azure SQL", "Microsoft SQL Server", "MongoDB", "MySQL", "Oracle", "PostgreSQL"]);
    expect(destinations).toEqual(["Microsoft Azure SQL Data Warehouse", "Self-hosted PostgreSQL"]);
    expect(step.find('a[href="/docs/integrations/databases/mongodb"]').text()).toBe("MongoDB");
  });
});

describe("the Amazon Web Services tutorial", () => {
  it("numbers substeps and sub-substeps as h3 and h4 under their step", async () => {
    const $ = await site.page(AMAZON_URL);
    expect($("h3#launch-the-instance").text()).toBe("Step 1.1: Launch the instance");
    expect($("h3#verify-database-vpc").text()).toBe("Step 2.1: Verify that the database and the SSH server share a VPC");
    expect($("h4#find-database-port").text()).toBe("Step 2.2.1: Find the database’s port");
    expect($("h2#next-steps").text()).toBe("Next steps");
  });

  it('links only the Amazon-hosted databases (ssh-type="amazon")', async () => {
    const $ = await site.page(AMAZON_URL);
    const step = $("#complete-the-setup-for-stitch").parent();
    const [integrations, destinations] = [0, 1].map((list) => linkTextsIn($, step.find("details").eq(list)));
    expect(integrations).toEqual([
      "Amazon Aurora (MySQL) RDS",
      "Amazon Microsoft SQL Server RDS",
      "Amazon MySQL RDS",
      "Amazon Oracle RDS",
      "Amazon PostgreSQL RDS",
    ]);
    expect(destinations).toEqual(["Amazon PostgreSQL RDS", "Amazon Redshift"]);
  });
});

describe("collection-driven pages", () => {
  it("lists every database integration on the integrations page, marking the SSH-capable ones", async () => {
    const $ = await site.page("/docs/integrations");
    const rows = $("tbody tr");
    expect(rows).toHaveLength(17);
    const ssh = rows.filter((_, row) => $(row).find("td").eq(1).text().startsWith("SSH"));
    expect(ssh).toHaveLength(13);
  });

  it("lists the tutorials on the home page", async () => {
    const $ = await site.page("/docs/");
    const titles = $("main a")
      .map((_, a) => $(a).text())
      .get();
    expect(titles).toContain("Setting up an SSH Tunnel for a database connection");
    expect(titles).toContain("Setting up an SSH Tunnel for a database in Amazon Web Services");
  });
});
