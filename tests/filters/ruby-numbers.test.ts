import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineWith } from "../jekyll/render-with.ts";

let site: Awaited<ReturnType<typeof engineWith>>;
beforeAll(async () => void (site = await engineWith()));
afterAll(() => site.cleanup());

describe("Ruby's arithmetic", () => {
  it("divides integers as integers, rounding down", async () => {
    expect(await site.render("{{ 7 | divided_by: 2 }} {{ -7 | divided_by: 2 }} {{ 7 | modulo: 3 }} {{ -7 | modulo: 3 }}")).toBe("3 -4 1 2");
  });

  it("makes a float from any float operand, printed as Ruby prints it", async () => {
    expect(await site.render('{{ 8 | divided_by: 2.0 }} {{ 7.0 | divided_by: 2 }} {{ 2 | times: 2.0 }} {{ "3.0" | plus: 1 }} {{ 1.5 | plus: 1.5 }}')).toBe(
      "4.0 3.5 4.0 4.0 3.0",
    );
  });

  it("keeps a float through later filters, and rounds as Ruby does", async () => {
    expect(await site.render("{{ 8 | divided_by: 2.0 | plus: 1 }} {{ 2.5 | round }} {{ 3.14159 | round: 2 }} {{ -2.5 | abs }}")).toBe("5.0 3 3.14 2.5");
  });

  it("reports an integer division by zero", async () => {
    await expect(site.render("{{ 1 | divided_by: 0 }}")).rejects.toThrow(/divided by 0/);
  });
});
