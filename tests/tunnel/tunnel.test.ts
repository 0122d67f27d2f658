import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildProjectSite } from "../helpers/site.ts";
import { describeNeeding, executable, missingOf, rootRequirement, run, runOk } from "../helpers/system.ts";
import { type CommandRun, commandRuns } from "./page-commands.ts";
import { canConnect, freePort, Service } from "./servers.ts";

/**
 * Follows the tutorial for real: the commands of its "Create the Stitch SSH user" step, taken
 * from the built page, are run on this machine against an OpenSSH server and a PostgreSQL of the
 * test's own; then Stitch's side is played with `ssh -N -L` and a `SELECT 1` through the tunnel.
 *
 * The sshd is configured as a stock Debian server is (UsePAM yes, Debian's default): `useradd`
 * leaves the new account without a password ("locked"), which only `UsePAM no` servers refuse
 * for key logins. The page tells readers with such a server to run one more command; the last
 * test proves both the refusal and that command on a second, `UsePAM no` sshd.
 */

const SEED = "/docs/common/databases/setting-up-ssh-tunnel-for-database-connection";
const AMAZON = "/docs/common/databases/setting-up-ssh-tunnel-for-amazon-web-services";
const USER = "stitch";

function postgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((version) => existsSync(path.join(base, version, "bin/initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : undefined;
}

const pgBin = postgresBin();
const bin = {
  sshd: executable("/usr/sbin/sshd"),
  ssh: executable("/usr/bin/ssh"),
  sshKeygen: executable("/usr/bin/ssh-keygen"),
  su: executable("/usr/bin/su", "/bin/su"),
  bash: executable("/usr/bin/bash", "/bin/bash"),
  useradd: executable("/usr/sbin/useradd"),
  userdel: executable("/usr/sbin/userdel"),
  groupdel: executable("/usr/sbin/groupdel"),
  getent: executable("/usr/bin/getent"),
  id: executable("/usr/bin/id"),
};
const postgresUser = bin.id ? run(bin.id, ["-u", "postgres"]) : undefined;

const missing = missingOf([
  rootRequirement(),
  ["/usr/sbin/sshd (Debian package openssh-server)", !!bin.sshd],
  ["/usr/bin/ssh and ssh-keygen (Debian package openssh-client)", !!bin.ssh && !!bin.sshKeygen],
  ["/usr/lib/postgresql/<version>/bin/initdb, postgres and psql (Debian package postgresql)", !!pgBin && existsSync(path.join(pgBin, "psql"))],
  ["the postgres system user (Debian package postgresql)", postgresUser?.status === 0],
  ["su, bash, useradd, userdel, groupdel, getent, id", Object.values(bin).every(Boolean)],
]);

const exists = (database: "passwd" | "group", name: string) => run(bin.getent!, [database, name]).status === 0;

interface Keys {
  stitch: string;
  stranger: string;
  stitchPublic: string;
}

/** Everything the suite creates, undone in reverse order by cleanUp (also on failure). */
const cleanups: Array<{ what: string; undo: () => Promise<unknown> | unknown }> = [];
const services: Service[] = [];
let tmp: string;
let keys: Keys;
let sshPort: number;
let pgPort: number;
let sshd: Service;
let runs: CommandRun[];
/** The page's extra command for servers with `UsePAM no` (inline code in its prose). */
let unlockCommand: string | undefined;

function killOnExit() {
  for (const service of services) service.killNow();
}

async function cleanUp(): Promise<void> {
  const problems: string[] = [];
  while (cleanups.length > 0) {
    const { what, undo } = cleanups.pop()!;
    try {
      await undo();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  }
  process.off("exit", killOnExit);
  if (problems.length > 0) throw new Error(`cleanup failed:\n${problems.join("\n")}`);
}

async function startService(name: string, command: string, args: string[], options?: { uid?: number; gid?: number }) {
  const service = new Service(name, command, args, options);
  services.push(service);
  cleanups.push({ what: `stop ${name}`, undo: () => service.stop() });
  return service;
}

async function deleteStitchAccount(): Promise<void> {
  // sshd's per-connection processes for `stitch` end with their connection; give them a moment.
  for (let attempt = 0; exists("passwd", USER) && attempt < 20; attempt++) {
    if (run(bin.userdel!, ["-r", USER]).status === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (exists("passwd", USER)) runOk(bin.userdel!, ["-r", "-f", USER]);
  // userdel removes a same-named primary group on Debian; elsewhere it may remain.
  if (exists("group", USER)) runOk(bin.groupdel!, [USER]);
}

/** `ssh` as Stitch would connect, with the given key; extra args follow (a command or -N -L). */
function sshArgs(key: string, ...extra: string[]): string[] {
  return sshArgsFor(sshPort, key, ...extra);
}

function sshArgsFor(port: number, key: string, ...extra: string[]): string[] {
  return [
    "-p",
    String(port),
    "-i",
    key,
    "-o",
    "BatchMode=yes",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "ConnectTimeout=10",
    "-o",
    "LogLevel=ERROR",
    `${USER}@127.0.0.1`,
    ...extra,
  ];
}

const login = (key: string) => run(bin.ssh!, sshArgs(key, "true"));

describeNeeding("the tutorial's SSH user against a real OpenSSH server and PostgreSQL", missing, () => {
  beforeAll(async () => {
    process.on("exit", killOnExit);
    try {
      // The commands, from the built page.
      const site = await buildProjectSite();
      cleanups.push({ what: "remove the fixture site", undo: () => site.cleanup() });
      const blocksOf = async (url: string) => {
        const $ = await site.page(url);
        return $("section:has(> #create-stitch-ssh-user) pre > code")
          .toArray()
          .map((code) => $(code).text());
      };
      const blocks = await blocksOf(SEED);
      expect(await blocksOf(AMAZON), "both tutorials show the same commands").toEqual(blocks);
      const $seed = await site.page(SEED);
      unlockCommand = $seed("section:has(> #create-stitch-ssh-user) :not(pre) > code")
        .toArray()
        .map((code) => $seed(code).text())
        .find((text) => text.startsWith("sudo usermod"));

      if (exists("passwd", USER) || exists("group", USER)) {
        throw new Error(
          `a "${USER}" user or group already exists on this machine; the test creates and deletes its own, so it will not touch that one. Remove it (userdel -r ${USER}; groupdel ${USER}) and run again.`,
        );
      }

      tmp = await mkdtemp(path.join(tmpdir(), "stitch-tunnel-"));
      cleanups.push({ what: "remove the temp folder", undo: () => rm(tmp, { recursive: true, force: true }) });
      await chmod(tmp, 0o755);

      for (const name of ["stitch", "stranger", "host"]) {
        runOk(bin.sshKeygen!, ["-q", "-t", "ed25519", "-N", "", "-C", `${name}@tunnel-test`, "-f", path.join(tmp, name)]);
      }
      keys = {
        stitch: path.join(tmp, "stitch"),
        stranger: path.join(tmp, "stranger"),
        stitchPublic: (await readFile(path.join(tmp, "stitch.pub"), "utf8")).trim(),
      };
      runs = commandRuns(blocks, { "<PUBLIC KEY>": keys.stitchPublic });

      // PostgreSQL of the test's own, as the postgres user (it refuses to run as root).
      const uid = Number(postgresUser!.stdout.trim());
      const gid = Number(runOk(bin.id!, ["-g", "postgres"]).trim());
      const pgDir = path.join(tmp, "postgres");
      await mkdir(pgDir, { mode: 0o700 });
      await chown(pgDir, uid, gid);
      const asPostgres = { uid, gid, env: { ...process.env, HOME: pgDir, LC_ALL: "C" } };
      const initdb = run(
        path.join(pgBin!, "initdb"),
        ["-D", path.join(pgDir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"],
        asPostgres,
      );
      if (initdb.status !== 0) throw new Error(`initdb failed:\n${initdb.stderr}${initdb.stdout}`);
      pgPort = await freePort();
      const postgres = await startService(
        "postgres",
        path.join(pgBin!, "postgres"),
        ["-D", path.join(pgDir, "data"), "-p", String(pgPort), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${pgDir}`, "-c", "fsync=off"],
        { uid, gid },
      );
      await postgres.waitUntil("readiness", () => /ready to accept connections/.test(postgres.output));

      // OpenSSH server of the test's own.
      if (!existsSync("/run/sshd")) {
        await mkdir("/run/sshd", { mode: 0o755 });
        cleanups.push({ what: "remove /run/sshd", undo: () => rmdir("/run/sshd") });
      }
      sshPort = await freePort();
      sshd = await startSshd("sshd", sshPort, { usePam: true });

      cleanups.push({ what: `delete the ${USER} user and group`, undo: deleteStitchAccount });
    } catch (error) {
      await cleanUp().catch((cleanupError) => console.error(cleanupError));
      throw error;
    }
  });

  afterAll(async () => {
    await cleanUp();
  });

  /** An sshd of the test's own, configured as a stock Debian one (UsePAM yes) unless told. */
  async function startSshd(name: string, port: number, options: { usePam: boolean }): Promise<Service> {
    const config = path.join(tmp, `sshd_config_${port}`);
    await writeFile(
      config,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${path.join(tmp, "host")}`,
        `PidFile ${path.join(tmp, `sshd_${port}.pid`)}`,
        "StrictModes yes",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        `UsePAM ${options.usePam ? "yes" : "no"}`,
        "AuthorizedKeysFile .ssh/authorized_keys",
        "AllowTcpForwarding yes",
        "PermitRootLogin no",
        `AllowUsers ${USER}`,
        "LogLevel VERBOSE",
        "",
      ].join("\n"),
    );
    runOk(bin.sshd!, ["-t", "-f", config]);
    const server = await startService(name, bin.sshd!, ["-D", "-f", config, "-e"]);
    await server.waitUntil("listening", () => server.output.includes(`Server listening on 127.0.0.1 port ${port}`));
    return server;
  }

  it("the page's commands are a root part, then a part run as stitch", () => {
    expect(runs.map((run) => run.user)).toEqual(["root", USER, USER]);
    expect(runs[0]!.script).toContain(`useradd`);
    expect(runs.at(-1)!.script).toContain(keys.stitchPublic);
  });

  it("runs as the page says, leaving stitch's key files with the modes sshd insists on", async () => {
    for (const step of runs) {
      const result =
        step.user === "root"
          ? // The reader is a sudo-capable user; here that is root, for whom sudo changes nothing.
            run(bin.bash!, ["-c", `set -euo pipefail\nsudo() { "$@"; }\n${step.script}`])
          : run(bin.su!, ["-", step.user, "-c", `set -euo pipefail\n${step.script}`]);
      expect(result.status, `code block ${step.block + 1}, as ${step.user}:\n${step.script}\n${result.stderr}`).toBe(0);
    }
    const home = runOk(bin.getent!, ["passwd", USER]).split(":")[5]!;
    const sshDir = await stat(path.join(home, ".ssh"));
    const authorizedKeys = path.join(home, ".ssh", "authorized_keys");
    expect((sshDir.mode & 0o777).toString(8)).toBe("700");
    expect(((await stat(authorizedKeys)).mode & 0o777).toString(8)).toBe("600");
    expect((await stat(authorizedKeys)).uid).toBe(Number(runOk(bin.id!, ["-u", USER]).trim()));
    expect((await readFile(authorizedKeys, "utf8")).trim()).toBe(keys.stitchPublic);
  });

  it("opens a tunnel as stitch with the key, and SELECT 1 reaches PostgreSQL through it", async () => {
    const localPort = await freePort();
    const tunnel = await startService("ssh tunnel", bin.ssh!, [
      "-N",
      "-o",
      "ExitOnForwardFailure=yes",
      "-L",
      `${localPort}:127.0.0.1:${pgPort}`,
      ...sshArgs(keys.stitch),
    ]);
    try {
      await tunnel.waitUntil(`the forwarded port ${localPort}`, () => canConnect(localPort));
      const query = run(path.join(pgBin!, "psql"), ["-h", "127.0.0.1", "-p", String(localPort), "-U", "postgres", "-d", "postgres", "-Atc", "SELECT 1"], {
        env: { ...process.env, PGCONNECT_TIMEOUT: "10" },
      });
      expect(query.stderr).toBe("");
      expect(query.stdout.trim()).toBe("1");
      expect(sshd.output).toMatch(new RegExp(`Accepted publickey for ${USER} from 127\\.0\\.0\\.1`));
    } finally {
      await tunnel.stop();
    }
  });

  it("refuses a key that is not in authorized_keys", () => {
    const refused = login(keys.stranger);
    expect(refused.status).toBe(255);
    expect(refused.stderr).toContain("Permission denied (publickey)");
    expect(login(keys.stitch).status, "the right key still works").toBe(0);
  });

  it("refuses the right key while authorized_keys is group- or world-writable (the reason for the chmod steps)", async () => {
    const home = runOk(bin.getent!, ["passwd", USER]).split(":")[5]!;
    const authorizedKeys = path.join(home, ".ssh", "authorized_keys");
    const { uid, gid } = await stat(authorizedKeys);
    // Debian's OpenSSH tolerates group write when the group is the owner's private one (only
    // stitch is in it), so the group case uses a group another account is in: postgres's.
    const sharedGid = Number(runOk(bin.id!, ["-g", "postgres"]).trim());
    const unsafe = [
      { what: "world-writable (602)", mode: 0o602, group: gid },
      { what: "writable by a group other users are in (620, group postgres)", mode: 0o620, group: sharedGid },
    ];
    try {
      for (const { what, mode, group } of unsafe) {
        await chown(authorizedKeys, uid, group);
        await chmod(authorizedKeys, mode);
        const before = sshd.output.length;
        const refused = login(keys.stitch);
        expect(refused.status, what).toBe(255);
        expect(refused.stderr, what).toContain("Permission denied (publickey)");
        // sshd logs the reason (the log arrives through the event loop, hence the wait).
        const reason = `bad ownership or modes for file ${authorizedKeys}`;
        await sshd.waitUntil(`"${reason}" in its log`, () => sshd.output.slice(before).includes(reason), 10_000);
      }
    } finally {
      await chown(authorizedKeys, uid, gid);
      await chmod(authorizedKeys, 0o600);
    }
    expect(login(keys.stitch).status, "with mode 600 again, the key is accepted").toBe(0);
  });

  it("on a server with UsePAM no, refuses the new (locked) account until the page's usermod command is run", async () => {
    expect(unlockCommand, "the page names the command for UsePAM no servers").toBe("sudo usermod --password '*' stitch");
    const port = await freePort();
    const strict = await startSshd("sshd (UsePAM no)", port, { usePam: false });
    try {
      const before = strict.output.length;
      expect(run(bin.ssh!, sshArgsFor(port, keys.stitch, "true")).status).toBe(255);
      await strict.waitUntil("the locked-account refusal in its log", () => strict.output.slice(before).includes("account is locked"), 10_000);
      const unlock = run(bin.bash!, ["-c", `set -euo pipefail\nsudo() { "$@"; }\n${unlockCommand}`]);
      expect(unlock.status, unlock.stderr).toBe(0);
      expect(run(bin.ssh!, sshArgsFor(port, keys.stitch, "true")).status).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});
