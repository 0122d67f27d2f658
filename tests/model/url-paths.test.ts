import { describe, expect, it } from "vitest";
import { pageUrlProblem, pageUrlRulesOf, urlPathProblem } from "../../src/model/url-paths.ts";

/**
 * What a page's URL may hold: on this repository's own site the unreserved characters only; on a
 * Jekyll site also what Jekyll's URL.escape_path keeps (sub-delimiters, `:`, `@`) and `%XX`, but
 * never `?` or `#`.
 */

const jekyll = pageUrlRulesOf({ kind: "jekyll" });
const native = pageUrlRulesOf({ kind: "native" });

describe("a Jekyll site's page URLs", () => {
  it.each(["/r&d/2024/03/01/lab-notes.html", "/c++/tips/", "/people/(team)/'s/@me:now,$5*2.html", "/q+a/x=y;z/", "/music!/", "/c%23%20tips/"])(
    "may hold %s, as Jekyll writes it",
    (url) => {
      expect(pageUrlProblem(url, jekyll)).toBeUndefined();
    },
  );

  it.each([
    ["/ask?me/", '"?": a page\'s path has no query or fragment'],
    ["/a#b/", '"#": a page\'s path has no query or fragment'],
    ["/a b/", "a space"],
    ['/say"hi"/', '"\\""'],
    ["/a<b/", '"<"'],
    ["/a%2Fb/", 'encodes "/"'],
  ])("refuse %s", (url, problem) => {
    expect(pageUrlProblem(url, jekyll)).toContain(problem);
  });
});

describe("this repository's own site keeps its strict rule", () => {
  it.each(["/r&d/x", "/c++/tips/", "/a:b", "/a%20b", "/it's"])("refuses %s", (url) => {
    expect(urlPathProblem(url, native)).toMatch(/^it contains /);
  });
});
