import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith()));
afterAll(() => site.cleanup());

describe("{% highlight %}", () => {
  it("wraps the code as Jekyll's Rouge wrapper does, the code text unchanged and escaped", async () => {
    const $ = cheerio.load(await site.render('{% highlight c++ %}\nint x = a < b && "{{ page.v }}";\n{% endhighlight %}', { v: "liquid" }));
    const code = $("figure.highlight > pre > code");
    expect(code.attr("class")).toBe("language-c--");
    expect(code.attr("data-lang")).toBe("c++");
    expect(code.text()).toBe('int x = a < b && "liquid";');
  });

  it("with linenos, puts the line numbers in Rouge's gutter table", async () => {
    const $ = cheerio.load(await site.render("{% highlight shell linenos %}\necho one\necho two\n{% endhighlight %}"));
    expect($("table.rouge-table td.gutter pre.lineno").text()).toBe("1\n2\n");
    expect($("table.rouge-table td.code pre").text()).toBe("echo one\necho two\n");
  });

  it("refuses a highlight without a language, saying how to write it", async () => {
    await expect(site.render("{% highlight %}x{% endhighlight %}")).rejects.toThrow(/highlight needs a language/);
  });
});
