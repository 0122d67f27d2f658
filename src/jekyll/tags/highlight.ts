import { type Context, type Emitter, type Liquid, type Parser, Tag, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import { type CodeMarkup, escapeCodeText, highlightAsRouge, highlightCode } from "../../markdown/code-highlight.ts";

/**
 * Jekyll's `{% highlight lang [linenos] %}...{% endhighlight %}`, with the markup Jekyll's Rouge
 * wrapper writes (`<figure class="highlight"><pre><code class="language-x" data-lang="x">`, and
 * Rouge's line-number table for `linenos`), so that pages and their CSS read the same. The
 * tokens inside are highlight.js's, as in fenced code, with Rouge's token classes in a Jekyll
 * site (README: Liquid: differences from Jekyll). The body is Liquid, as in Jekyll: `{{ }}`
 * inside is rendered.
 */

/** The engine's choice of token classes: Rouge's in a Jekyll site (engine.ts), highlight.js's otherwise. */
export interface HasCodeMarkup {
  readonly codeMarkup: CodeMarkup;
}

const SYNTAX = /^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$/;

export class HighlightTag extends Tag {
  private readonly language: string;
  private readonly lineNumbers: boolean;
  private readonly templates: Template[] = [];

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    const match = SYNTAX.exec(token.args.trim());
    if (!match) throw new Error(`highlight needs a language, then options: {% highlight <lang> [linenos] %}, not "{% highlight ${token.args.trim()} %}"`);
    this.language = match[1]!.toLowerCase();
    this.lineNumbers = /(^|\s)linenos(=|\s|$)/.test(match[2] ?? "");
    const stream = parser
      .parseStream(remainTokens)
      .on("tag:endhighlight", () => stream.stop())
      .on("template", (template: Template) => void this.templates.push(template))
      .on("end", () => {
        throw new Error(`tag ${token.getText()} not closed: it needs a {% endhighlight %}`);
      });
    stream.start();
  }

  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, string> {
    const body = (yield this.liquid.renderer.renderTemplates(this.templates, ctx)) as string;
    const code = String(body).replace(/^[\n\r]+|[\n\r]+$/g, "");
    const rouge = (this.liquid as Liquid & Partial<HasCodeMarkup>).codeMarkup === "rouge";
    const highlighted = (rouge ? highlightAsRouge(code, this.language) : highlightCode(code, this.language)) || escapeCodeText(code);
    const attributes = `class="language-${this.language.replace(/\+/g, "-")}" data-lang="${escapeCodeText(this.language).replace(/"/g, "&quot;")}"`;
    emitter.write(`<figure class="highlight"><pre><code ${attributes}>${this.lineNumbers ? lineTable(code, highlighted) : highlighted}</code></pre></figure>`);
  }
}

/** Rouge's HTMLTable: the line numbers in a gutter beside the code. */
function lineTable(code: string, highlighted: string): string {
  const lines = code.split("\n").length;
  const numbers = Array.from({ length: lines }, (_, i) => `${i + 1}\n`).join("");
  return (
    `<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">${numbers}</pre></td>` +
    `<td class="code"><pre>${highlighted}\n</pre></td></tr></tbody></table>`
  );
}
