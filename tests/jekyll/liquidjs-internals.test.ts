import { describe, expect, it } from "vitest";
import { JekyllLiquid } from "../../src/jekyll/engine.ts";
import { LiquidRendererClass } from "../../src/jekyll/liquidjs-internals.ts";
import { TolerantRenderer } from "../../src/jekyll/undefined-variables.ts";
import { engineWith } from "./render-with.ts";

// What the adapter reads of LiquidJS's private internals: this fails when an upgrade moves them.
describe("LiquidJS internals the engine relies on", () => {
  it("the renderer's class renders templates, and the engine's tags use the renderer it sets", async () => {
    expect(typeof LiquidRendererClass.prototype.renderTemplates).toBe("function");
    const site = await engineWith({}, { undefinedVariables: "warning" });
    expect(site.liquid).toBeInstanceOf(JekyllLiquid);
    expect(site.liquid.renderer).toBeInstanceOf(TolerantRenderer);
    expect(await site.render("{% if true %}[{{ nope }}]{% endif %}")).toBe("[]");
    await site.cleanup();
  });

  it("include tags keep their file and parameters where the adapter reads them", async () => {
    const site = await engineWith({ "_includes/a.html": "{{ include.x }}" });
    expect(await site.render('{% include_cached a.html x="cached" %} {% include a.html x="plain" %}')).toBe("cached plain");
    await site.cleanup();
  });
});
