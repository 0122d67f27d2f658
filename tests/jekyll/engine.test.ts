import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JekyllLiquid } from "../../src/jekyll/engine.ts";
import type { RenderLimits } from "../../src/jekyll/render-budget.ts";
import { SOURCE_FILE_LIMIT_BYTES } from "../../src/model/limits.ts";
import { engineForSite } from "../helpers/engine.ts";

describe("the Liquid engine", () => {
  let root: string;
  let liquid: JekyllLiquid;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "liquid-engine-"));
    await mkdir(path.join(root, "_includes"), { recursive: true });
    await writeFile(path.join(root, "_includes", "greeting.html"), "{% assign greeted = include.name %}Hello, {{ include.name }}!");
    liquid = engineForSite(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("renders includes called from a flatified string, and their assigns stay visible", async () => {
    const template = liquid.parse("{{ field | flatify }} / {{ greeted }}");
    const html = await liquid.render(template, { field: '{% include greeting.html name="Ada" %}' });
    expect(html).toBe("Hello, Ada! / Ada");
  });

  it("renders the same flatified text in the context of each render", async () => {
    const template = liquid.parse("{{ field | flatify }}");
    const field = "{{ who | upcase }}";
    expect(await liquid.render(template, { field, who: "ada" })).toBe("ADA");
    expect(await liquid.render(template, { field, who: "grace" })).toBe("GRACE");
  });

  it("reports a filter that returns a promise by name, instead of printing [object Promise]", async () => {
    liquid.registerFilter("slow_upcase", async (input: unknown) => String(input).toUpperCase());
    const template = liquid.parse("{{ 'x' | slow_upcase }}");
    await expect(liquid.render(template, {})).rejects.toThrow(/"slow_upcase" filter returned a promise/);
  });

  it("renders an include as the build read it, and the next build reads it again (watch mode)", async () => {
    const source = '{% include greeting.html name="Ada" %}';
    expect(await liquid.render(liquid.parse(source), {})).toBe("Hello, Ada!");
    await writeFile(path.join(root, "_includes", "greeting.html"), "Welcome, {{ include.name }}.");
    expect(await liquid.render(liquid.parse(source), {})).toBe("Hello, Ada!");
    const next = engineForSite(root);
    expect(await next.render(next.parse(source), {})).toBe("Welcome, Ada.");
  });

  it("rejects (not throws) on an undefined variable, with the variable's name", async () => {
    const template = liquid.parse("{{ missing.value }}");
    const rendering = liquid.render(template, {});
    expect(rendering).toBeInstanceOf(Promise);
    await expect(rendering).rejects.toThrow(/missing/);
  });
});

describe("the Liquid engine's render budget", () => {
  let root: string;
  const engine = (renderLimits: Partial<RenderLimits>) => engineForSite(root, renderLimits);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "liquid-budget-"));
    await mkdir(path.join(root, "_includes"), { recursive: true });
    await writeFile(path.join(root, "_includes", "twice.html"), "{% for i in (1..2) %}{{ include.x }}{% endfor %}");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("counts loop iterations and includes in each render, and each render has a budget of its own", async () => {
    const liquid = engine({ steps: 10 });
    // 3 iterations, each an include that loops twice: 3 + 3 + 6 = 12 steps; with (1..2), 8.
    const over = liquid.parse("{% for i in (1..3) %}{% include twice.html x=i %}{% endfor %}");
    await expect(liquid.render(over, {})).rejects.toThrow(/more than 10 loop iterations and includes/);
    const within = liquid.parse("{% for i in (1..2) %}{% include twice.html x=i %}{% endfor %}");
    for (let i = 0; i < 3; i++) expect(await liquid.render(within, {})).toBe("1122");
  });

  it("stops a render that runs past its time at the next loop iteration or include", async () => {
    const liquid = engine({ milliseconds: 0 });
    await expect(liquid.render(liquid.parse("{% for i in (1..3) %}x{% endfor %}"), {})).rejects.toThrow(/took longer than 0 s and was stopped here/);
  });

  it("refuses an include over the size limit when it is read, naming it", async () => {
    await writeFile(path.join(root, "_includes", "huge.html"), "x".repeat(SOURCE_FILE_LIMIT_BYTES + 1));
    const liquid = engine({});
    await expect(liquid.render(liquid.parse("{% include huge.html %}"), {})).rejects.toThrow(
      /^include "huge\.html" is 1\.0 MB; an include may be at most 1\.0 MB, because /,
    );
  });
});
