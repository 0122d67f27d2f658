import { firstMessage, startTsWorker } from "../support/threads.ts";
import { yamlAccepts } from "../model/yaml-positions.ts";

/**
 * Below this many texts, starting a thread costs more than parsing them where they are.
 * Measured: the thread starts in about 150 ms; a page's front matter parses in about 0.3 ms.
 */
const FEWEST_FOR_A_THREAD = 1000;

/**
 * Whether the checks' YAML parser (`yaml`, with positions) reads each text without errors:
 * every page's front matter, before the build. For a large site this runs on a thread of its
 * own, while the main thread reads the same pages with the build's parser (js-yaml); an entry
 * is undefined where no verdict was worked out ahead (a small site, or no front matter), and
 * the text is parsed where it is used instead.
 */
export async function yamlVerdicts(texts: Array<string | undefined>): Promise<Array<boolean | undefined>> {
  if (texts.length < FEWEST_FOR_A_THREAD) return texts.map(() => undefined);
  const worker = startTsWorker(new URL("./yaml-verdicts-worker.ts", import.meta.url), texts);
  try {
    return await firstMessage<Array<boolean | undefined>>(worker, "the YAML checks' thread");
  } finally {
    await worker.terminate();
  }
}

/** The worker's work: `yamlAccepts` on each text. */
export function verdictsOf(texts: Array<string | undefined>): Array<boolean | undefined> {
  return texts.map((text) => (text === undefined ? undefined : yamlAccepts(text)));
}
