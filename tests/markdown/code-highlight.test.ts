import * as cheerio from "cheerio";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { codeHighlighting } from "../../src/markdown/code-highlight.ts";

const render = (source: string) => cheerio.load(new MarkdownIt().use(codeHighlighting).render(source));

describe("codeHighlighting", () => {
  it("highlights shell commands as bash, keeping their exact text", () => {
    const commands = 'sudo useradd --create-home stitch\necho "<PUBLIC KEY>" >> ~/.ssh/authorized_keys\n';
    const $ = render(`\`\`\`shell\n${commands}\`\`\`\n`);
    const code = $("pre > code.language-shell");
    expect(code.find("span.hljs-built_in").first().text()).toBe("sudo");
    expect(code.find("span.hljs-string").text()).toBe('"<PUBLIC KEY>"');
    expect(code.text()).toBe(commands);
  });

  it.each(["sql", "yaml", "json"])("highlights %s", (language) => {
    const source = { sql: "SELECT 1 FROM users;", yaml: "key: 'value'", json: '{"key": 1}' }[language]!;
    const $ = render(`\`\`\`${language}\n${source}\n\`\`\`\n`);
    expect($("pre code span[class^=hljs-]").length).toBeGreaterThan(0);
    expect($("pre code").text()).toBe(`${source}\n`);
  });

  it("leaves an unknown language as escaped plain text", () => {
    const $ = render("```klingon\n<b>qapla'</b>\n```\n");
    expect($("pre code span").length).toBe(0);
    expect($("pre code b").length).toBe(0);
    expect($("pre code").text()).toBe("<b>qapla'</b>\n");
  });
});
