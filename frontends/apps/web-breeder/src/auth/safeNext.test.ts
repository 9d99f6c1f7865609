import { describe, expect, it } from "vitest";

import { safeNext } from "./LoginPage";

describe("safeNext", () => {
  it("returns to a page of this app after signing in", () => {
    expect(safeNext("/animals/42?tab=genotype")).toBe("/animals/42?tab=genotype");
  });

  it("never sends the user to another site", () => {
    expect(safeNext("https://evil.example/login")).toBe("/");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
