// The benchmark corpora's raw material: seeded sentences and paragraphs of the tutorials'
// vocabulary, and the writing of many small files.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SeededRandom } from "./random.ts";

export const WORDS = (
  "server database tunnel traffic firewall network instance replica port address host key user " +
  "account connection credential schema table warehouse cluster region subnet gateway route rule " +
  "security group private public encrypted session certificate bastion proxy socket channel " +
  "latency throughput backup snapshot storage volume endpoint service client request response " +
  "timeout retry configuration setting parameter option value default permission role policy " +
  "access administrator operator team member console dashboard integration destination source " +
  "extraction replication schedule frequency log audit monitor alert metric hardening patch"
).split(" ");
export const VERBS = "configure verify allow restrict open close forward route encrypt rotate check confirm enable disable update record".split(" ");

export const pad = (i: number) => String(i).padStart(5, "0");

export const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** A YAML (and JSON) double-quoted string. */
export const quote = (text: string) => JSON.stringify(text);

export function sentence(random: SeededRandom, words = random.int(8, 16)): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(i % 5 === 2 ? random.pick(VERBS) : random.pick(WORDS));
  return `${capitalize(parts.join(" "))}.`;
}

export function paragraph(random: SeededRandom, sentences = random.int(3, 5)): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(" ");
}

/** Writes [file, text] pairs, making their folders. */
export async function writeFiles(files: Array<[string, string]>): Promise<void> {
  const dirs = new Set(files.map(([file]) => path.dirname(file)));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  // A bounded number in flight: thousands of concurrent writes only queue in libuv.
  for (let start = 0; start < files.length; start += 64) {
    await Promise.all(files.slice(start, start + 64).map(([file, text]) => writeFile(file, text)));
  }
}
