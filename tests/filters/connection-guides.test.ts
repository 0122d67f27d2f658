import { describe, expect, it } from "vitest";
import { sshConnectionGuides } from "../../src/filters/connections.ts";

const docs = [
  { title: "Oracle", ssh: true, amazon: false },
  { title: "Amazon Aurora", ssh: true, amazon: true },
  { title: "MySQL", ssh: true },
  { title: "Amazon S3 CSV", ssh: false, amazon: true },
  { title: "mariaDB", ssh: true, amazon: false },
];

describe("ssh_connection_guides", () => {
  it("lists the SSH-capable pages of the tunnel type, by title", () => {
    expect(sshConnectionGuides<{ title: string }>(docs, "generic").map((doc) => doc.title)).toEqual(["mariaDB", "MySQL", "Oracle"]);
    expect(sshConnectionGuides<{ title: string }>(docs, "amazon").map((doc) => doc.title)).toEqual(["Amazon Aurora"]);
  });

  it("gives every call its own list, even when it reuses the work of an earlier call", () => {
    const first = sshConnectionGuides(docs, "generic");
    first.pop();
    expect(sshConnectionGuides(docs, "generic")).toHaveLength(3);
  });

  it("rejects an unknown tunnel type", () => {
    expect(() => sshConnectionGuides(docs, "azure")).toThrow(/ssh-type must be "generic" or "amazon"/);
  });
});
