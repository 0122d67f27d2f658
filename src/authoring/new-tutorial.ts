import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { urlSlug } from "../markdown/slug.ts";
import { readSite } from "../model/read-site.ts";

/**
 * `npm run new -- "Title"`: a tutorial skeleton that follows the format and checks clean as it
 * is, so an author starts from a page that builds and fills it in.
 */

export class NewTutorialError extends Error {}

export interface NewTutorialOptions {
  root: string;
  title: string;
  /** Folder below content/ (and below the URL); default `common/databases`. */
  folder?: string;
}

export interface NewTutorial {
  /** Relative to the site root. */
  file: string;
  /** The permalink: `/common/databases/<slug>`. */
  url: string;
  /** Where readers find it: the site's host (`url` in _data/site.yml), base URL and permalink. */
  address: string;
}

/**
 * The skeleton's placeholder sentences, each for the author to replace: a page that still holds
 * one is a warning at its line (src/checks/source/placeholders.ts), so none goes live unnoticed.
 */
export const PLACEHOLDER_TEXTS = [
  "Say what this tutorial sets up, and for whom.",
  "The first thing a reader needs before starting.",
  "The second thing a reader needs.",
  "Describe the first step.",
  "Describe the second step.",
] as const;

function yamlString(text: string): string {
  return JSON.stringify(text);
}

export function tutorialSkeleton(title: string, url: string): string {
  return `---
title: ${yamlString(title)}
permalink: ${url}
summary: ""
layout: tutorial

intro: |
  {% include misc/data-files.html %}

  ${PLACEHOLDER_TEXTS[0]} Link to related guides with the link map, for
  example the [Security FAQ]({{ link.account.security-faq | prepend: site.baseurl }}).

requirements:
  - item: |
      **${PLACEHOLDER_TEXTS[1]}** Say why it is needed.
  - item: |
      **${PLACEHOLDER_TEXTS[2]}**

steps:
  - title: "Prepare the server"
    anchor: "prepare-the-server"
    content: |
      ${PLACEHOLDER_TEXTS[3]} Other pages can link to it as \`${url}#prepare-the-server\`.

  - title: "Connect Stitch"
    anchor: "connect-stitch"
    content: |
      ${PLACEHOLDER_TEXTS[4]} Refer back to [the first step](#prepare-the-server) where it helps.
---
`;
}

export async function createTutorial(options: NewTutorialOptions): Promise<NewTutorial> {
  const title = options.title.trim();
  if (title === "") throw new NewTutorialError('give the tutorial a title: npm run new -- "Title of the tutorial"');
  const folder = (options.folder ?? "common/databases").replace(/^\/+|\/+$/g, "");
  if (folder.split("/").some((part) => part === ".." || part === "")) throw new NewTutorialError(`invalid folder "${options.folder}"`);
  const slug = urlSlug(title);
  const url = `/${folder}/${slug}`;
  const file = `content/${folder}/${slug}.md`;
  const absolute = path.join(options.root, file);
  if (existsSync(absolute)) throw new NewTutorialError(`${file} already exists; it was left as it is`);
  const model = readSite(options.root);
  const taken = model.pages.find((page) => page.url === url);
  if (taken) throw new NewTutorialError(`the permalink ${url} is already the URL of ${taken.file}; choose another title`);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, tutorialSkeleton(title, url), { flag: "wx" });
  return { file, url, address: `${model.settings.url}${model.settings.baseurl}${url}` };
}
