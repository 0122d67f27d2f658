import type { CheerioAPI } from "cheerio";

/** One region of a region IP component, as a reader sees it on the built page. */
export interface RegionOnPage {
  key: string;
  heading: string;
  headingTag: string;
  addresses: string[];
  copyText: string | undefined;
  /** Code blocks by tool key, in page order, as text (what a copy button copies). */
  rules: Record<string, string[]>;
  /** Summaries of the rule disclosures, in page order. */
  summaries: string[];
}

export function regionsOfComponent($: CheerioAPI, component: Parameters<CheerioAPI>[0]): RegionOnPage[] {
  return $(component)
    .find("section.ip-region")
    .toArray()
    .map((section) => {
      const region = $(section);
      const headingId = region.attr("aria-labelledby")!;
      const heading = region.find(`[id="${headingId}"]`);
      const rules: Record<string, string[]> = {};
      for (const details of region.find("details[data-firewall-tool]").toArray()) {
        rules[$(details).attr("data-firewall-tool")!] = $(details)
          .find("pre > code")
          .toArray()
          .map((code) => $(code).text());
      }
      return {
        key: region.attr("data-ip-region")!,
        heading: heading.text().trim(),
        headingTag: heading.prop("tagName")!.toLowerCase(),
        addresses: region
          .find(`ul[aria-labelledby="${headingId}"] > li`)
          .toArray()
          .map((li) => $(li).text().trim()),
        copyText: region.find("button[data-copy-text]").attr("data-copy-text"),
        rules,
        summaries: region
          .find("details > summary")
          .toArray()
          .map((summary) => $(summary).text().trim()),
      };
    });
}

export function componentsOn($: CheerioAPI) {
  return $("[data-stitch-ip-addresses]").toArray();
}
