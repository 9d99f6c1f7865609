import { describe, expect, it } from "vitest";

import { parseGenerations } from "./queries";

describe("parseGenerations", () => {
  it("keeps a depth the API accepts", () => {
    expect(parseGenerations("3")).toBe(3);
    expect(parseGenerations("10")).toBe(10);
  });
  it("falls back to five generations for anything else", () => {
    expect(parseGenerations(null)).toBe(5);
    expect(parseGenerations("0")).toBe(5);
    expect(parseGenerations("11")).toBe(5);
    expect(parseGenerations("4.5")).toBe(5);
    expect(parseGenerations("many")).toBe(5);
  });
});
