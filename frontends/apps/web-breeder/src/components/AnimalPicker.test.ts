import { describe, expect, it } from "vitest";

import { matchesSex } from "./AnimalPicker";

describe("matchesSex", () => {
  it("offers a not-yet-sexed animal as a parent, never the opposite sex", () => {
    expect(matchesSex("male", "male", true)).toBe(true);
    expect(matchesSex("unknown", "male", true)).toBe(true);
    expect(matchesSex("female", "male", true)).toBe(false);
  });

  it("offers only the asked sex where it must be known (a pairing)", () => {
    expect(matchesSex("unknown", "female", false)).toBe(false);
    expect(matchesSex("female", "female", false)).toBe(true);
  });

  it("offers every animal when no sex is asked (a transfer, a reminder)", () => {
    expect(matchesSex("unknown", undefined, false)).toBe(true);
  });
});
