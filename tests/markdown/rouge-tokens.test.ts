import { describe, expect, it } from "vitest";
import { withRougeTokens } from "../../src/markdown/rouge-tokens.ts";

describe("withRougeTokens", () => {
  it("names a dotted scope by its most specific Rouge token, falling back to its parent scope", () => {
    expect(withRougeTokens('<span class="hljs-title function_">f</span>')).toBe('<span class="nf">f</span>');
    expect(withRougeTokens('<span class="hljs-title class_ inherited__">B</span>')).toBe('<span class="nc">B</span>');
    expect(withRougeTokens('<span class="hljs-meta prompt_">$ </span>')).toBe('<span class="gp">$ </span>');
  });

  it("unwraps spans Rouge has no token for, keeping their text and the spans inside", () => {
    const params = '(<span class="hljs-params">x, <span class="hljs-number">1</span></span>)';
    expect(withRougeTokens(params)).toBe('(x, <span class="m">1</span>)');
    const session = '<span class="language-bash"><span class="hljs-built_in">ls</span> -l</span>';
    expect(withRougeTokens(session)).toBe('<span class="nb">ls</span> -l');
  });
});
