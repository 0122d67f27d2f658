import type { IncludeTag, RenderTag, Template } from "liquidjs";
import { Context, Liquid, toValueSync } from "liquidjs";
import { describe, expect, it } from "vitest";
import { JekyllLiquid } from "../../src/jekyll/engine.ts";
import {
  convertWholeFloatLiterals,
  includeTagFields,
  internalUndefinedVariableError,
  LiquidRendererClass,
  partialTagFile,
} from "../../src/jekyll/liquidjs-internals.ts";
import { TolerantRenderer } from "../../src/jekyll/undefined-variables.ts";
import { pinnedAndInstalled } from "../helpers/pinned.ts";
import { engineWith } from "./render-with.ts";

/**
 * src/jekyll/liquidjs-internals.ts reads private fields of LiquidJS's include and render tags,
 * and subclasses its renderer (whose class LiquidJS does not export). These tests fail when an
 * upgrade moves them: the pin, then each field the adapter reads.
 */

const tagOf = <T>(liquid: Liquid, text: string) => liquid.parse(text)[0] as Template & { constructor: unknown } as unknown as T;

describe("LiquidJS's internals, as the adapter uses them", () => {
  it("is the exact version package.json pins", () => {
    const { pinned, installed } = pinnedAndInstalled("liquidjs");
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
  });

  it("an include tag keeps the file it names and its parameters", () => {
    const liquid = new Liquid({ jekyllInclude: true, dynamicPartials: false });
    const tag = tagOf<IncludeTag>(liquid, "{% include note.html kind=page.kind %}");
    const fields = includeTagFields(tag);
    expect(fields.file).toBe("note.html");
    expect(typeof fields.hash.render).toBe("function");
    expect(toValueSync(fields.hash.render(new Context({ page: { kind: "tip" } })))).toEqual({ kind: "tip" });
  });

  it("a render tag keeps the file it names", () => {
    const liquid = new Liquid({ dynamicPartials: false });
    // As written, quotes and all: it names the include in the render budget's messages.
    expect(partialTagFile(tagOf<RenderTag>(liquid, "{% render 'card.html' %}"))).toBe("'card.html'");
  });
});

describe("LiquidJS's number literals, as the adapter converts them", () => {
  it("a literal's value is its token's content, in outputs, filter arguments and tags' expressions alike", () => {
    const liquid = new Liquid();
    liquid.registerFilter("plus", (value: unknown, arg: unknown) => `${value}+${arg}`);
    const templates = liquid.parse("{{ 4.0 }} {{ 2 | plus: 1.0 }} {% assign x = -2.00 %}{{ x }} {% if 3.0 > 20 %}big{% endif %} {{ 7 }} {{ 1.5 }}");
    // Ten times the value: only a converted literal can print 40, or make 3.0 greater than 20.
    convertWholeFloatLiterals(templates, (value) => value * 10);
    expect(liquid.renderSync(templates)).toBe("40 2+10 -20 big 7 1.5");
  });
});

describe("LiquidJS's renderer, as the engine replaces it", () => {
  it("the renderer's class renders templates, and the engine's tags render with the one it sets", async () => {
    expect(typeof LiquidRendererClass.prototype.renderTemplates).toBe("function");
    const site = await engineWith({}, { undefinedVariables: "warning" });
    expect(site.liquid).toBeInstanceOf(JekyllLiquid);
    expect(site.liquid.renderer).toBeInstanceOf(TolerantRenderer);
    // An undefined name inside a block renders as nil only if the if tag renders its body with it.
    expect(await site.render("{% if true %}[{{ nope }}]{% endif %}")).toBe("[]");
    await site.cleanup();
  });
});

describe("LiquidJS's undefined-variable error, as the engine's lookup throws it", () => {
  it("is the error LiquidJS's strict lookup throws, by name and message", () => {
    const strict = new Context({}, undefined, { strictVariables: true });
    let thrown: unknown;
    try {
      strict.getSync(["nope", "deeper"]);
    } catch (error) {
      thrown = error;
    }
    const own = internalUndefinedVariableError("nope");
    expect((thrown as Error).name).toBe(own.name);
    expect((thrown as Error).message).toBe(own.message);
    expect((thrown as { variableName?: unknown }).variableName).toBe(own.variableName);
  });

  it("LiquidJS's lenient lookups read it as nil; its strict ones report the name", async () => {
    const site = await engineWith({}, { undefinedVariables: "warning" });
    expect(await site.render("{% if nope %}yes{% else %}no{% endif %}|{{ nope | default: 'fallback' }}")).toBe("no|fallback");
    await site.cleanup();
    const strict = await engineWith();
    await expect(strict.render("[{{ nope.deeper }}]")).rejects.toThrow(/undefined variable: nope/);
    await strict.cleanup();
  });
});

describe("htmlparser2, whose tokenizer states the output checks skip through", () => {
  it("is the exact version package.json pins", () => {
    const { pinned, installed } = pinnedAndInstalled("htmlparser2");
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(pinned);
  });
});
