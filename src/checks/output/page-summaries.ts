import type { PageProcessor } from "../../render/page-output.ts";
import { type OutputPage, SummaryStrings, summarizePage } from "./page-summary.ts";

/** A summary of each HTML page as it is written (on the page writer's thread for a large site). */
export function pageSummarizer(): PageProcessor<OutputPage[]> {
  const summaries: OutputPage[] = [];
  // The links and ids the summaries of one build share.
  const strings = new SummaryStrings();
  return {
    page(page) {
      if (page.outputPath.endsWith(".html")) summaries.push(summarizePage(page.content, page.inputPath, page.url, strings));
    },
    finish: () => summaries,
  };
}
