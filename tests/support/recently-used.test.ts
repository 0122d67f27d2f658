import { describe, expect, it } from "vitest";
import { RecentlyUsed } from "../../src/support/recently-used.ts";

describe("RecentlyUsed", () => {
  it("computes a value once while it stays among the most recently used", () => {
    const computed: string[] = [];
    const memo = new RecentlyUsed<string>(2);
    const get = (key: string) =>
      memo.get(key, (k) => {
        computed.push(k);
        return k.toUpperCase();
      });
    expect([get("a"), get("b"), get("a"), get("c"), get("a"), get("b")]).toEqual(["A", "B", "A", "C", "A", "B"]);
    // "b" was the least recently used when "c" arrived, so it is the one computed again.
    expect(computed).toEqual(["a", "b", "c", "b"]);
  });
});
