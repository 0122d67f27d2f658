/**
 * A page's one-line description for meta tags and listings: its `summary`, or when that is
 * empty, the first sentence of its intro (tutorials whose summary was left blank still get a
 * useful description). Paragraphs holding Liquid are skipped: their text isn't known until the
 * page renders.
 */

const MAX_LENGTH = 200;

function plainText(markdown: string): string {
  return markdown
    .replace(/\{:[^}\n]*\}/g, "") // kramdown attribute lists
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/[*_`]+/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text);
  const sentence = match ? match[0] : text;
  return sentence.length <= MAX_LENGTH ? sentence : `${sentence.slice(0, MAX_LENGTH - 1).replace(/\s+\S*$/, "")}…`;
}

export function pageSummary(page: unknown): string {
  const data = (page ?? {}) as { summary?: unknown; intro?: unknown };
  if (typeof data.summary === "string" && data.summary.trim() !== "") return data.summary.trim();
  if (typeof data.intro !== "string") return "";
  const paragraph = data.intro
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .find((block) => block !== "" && !block.includes("{%") && !block.includes("{{") && !/^[-*#>|]/.test(block));
  return paragraph ? firstSentence(plainText(paragraph)) : "";
}
