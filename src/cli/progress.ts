import path from "node:path";
import type { PipelineOptions, PipelineStage } from "../pipeline/run-pipeline.ts";

/**
 * What a long `build` or `check` is doing, on stderr. On a terminal, one line that updates in
 * place (at most ten times a second): the stage, pages rendered of the total, the time so far;
 * it is cleared when the run ends, before the findings. Elsewhere (CI, a pipe) one line per
 * stage, which a log keeps. `--quiet`: nothing.
 */

export interface ProgressStream {
  isTTY?: boolean;
  /** A terminal's width: the line is cut to it, since a line that wraps can't be redrawn in place. */
  columns?: number;
  write(text: string): unknown;
}

/** What each stage is called on the line. */
const STAGE_NAMES: Record<PipelineStage, string> = {
  read: "reading",
  "source-checks": "checking sources",
  render: "rendering",
  write: "indexing",
  "output-checks": "checking pages",
  publish: "publishing",
};

const REDRAW_EVERY_MS = 100;

export class Progress {
  private stageName = "";
  private pages = 0;
  private rendered = 0;
  private readonly startedAt = performance.now();
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;
  private readonly ticker: NodeJS.Timeout | undefined;

  /** `indexing`: whether the run builds the search index (else its write stage is "writing"). */
  constructor(
    private readonly stream: ProgressStream,
    private readonly indexing: boolean,
  ) {
    // The elapsed time moves on a terminal while a stage takes long (Eleventy's start-up).
    this.ticker = stream.isTTY ? setInterval(() => this.draw(false), 500).unref() : undefined;
  }

  stage(stage: PipelineStage, pages: number): void {
    this.stageName = stage === "write" && !this.indexing ? "writing" : STAGE_NAMES[stage];
    this.pages = pages;
    if (this.stream.isTTY) this.draw(true);
    else this.stream.write(`${this.describe()}\n`);
  }

  page(): void {
    this.rendered++;
    if (this.stream.isTTY) this.draw(false);
  }

  /** Ends the line (on a terminal, clears it). */
  done(): void {
    clearInterval(this.ticker);
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }

  private describe(): string {
    const seconds = ((performance.now() - this.startedAt) / 1000).toFixed(1);
    if (this.pages === 0) return `${this.stageName}, ${seconds} s`;
    if (this.stageName === STAGE_NAMES.render) return `rendering ${this.rendered} of ${this.pages} pages, ${seconds} s`;
    return `${this.stageName} (${this.rendered} of ${this.pages} pages rendered), ${seconds} s`;
  }

  private draw(now: boolean): void {
    const time = performance.now();
    if (this.stageName === "" || (!now && time - this.lastDraw < REDRAW_EVERY_MS)) return;
    this.lastDraw = time;
    this.shown = true;
    // A terminal that reports no width (0, as a bare pseudo-terminal may) gets the whole line.
    const width = this.stream.columns ?? 0;
    const line = this.describe();
    this.stream.write(`\r\x1b[K${width > 20 ? line.slice(0, width - 1) : line}`);
  }
}

/**
 * The pipeline's hooks that drive a progress line (or post its events from a thread): stages as
 * they start, and each page rendered from the author's files (`inputDir`: content/), which the
 * render stage's total counts; redirects, the sitemap and robots.txt are not among them.
 */
export function progressHooks(target: Pick<Progress, "stage" | "page">, inputDir: string): Pick<PipelineOptions, "onStage" | "onPage"> {
  const prefix = inputDir.endsWith(path.sep) ? inputDir : `${inputDir}${path.sep}`;
  return {
    onStage: (stage, { pages }) => target.stage(stage, pages),
    onPage: (page) => {
      // A page's Markdown copy comes through here too, from the same file: only its HTML counts.
      if (page.outputPath.endsWith(".html") && path.resolve(page.inputPath).startsWith(prefix)) target.page();
    },
  };
}
