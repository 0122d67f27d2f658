import type { PageProcessor, WrittenPage } from "../../publish/page-sink.ts";
import { summarizePage, SummaryStrings, type OutputPage } from "./page-summary.ts";

/** The checks' page processor (see PageSink): a summary of each HTML page, on the writer's thread. */
export function createPageProcessor(): PageProcessor<OutputPage[]> {
  const summaries: OutputPage[] = [];
  // The links and ids the summaries of one build share.
  const strings = new SummaryStrings();
  return {
    page(page: WrittenPage) {
      if (page.outputPath.endsWith(".html")) summaries.push(summarizePage(page.content, page.inputPath, page.url, strings));
    },
    finish: () => summaries,
  };
}
