import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { MorphBadge, morphLabel, sortGenes } from "./MorphBadge";

describe("morphLabel", () => {
  it("writes genes the way breeders do", () => {
    expect(morphLabel({ trait_name: "Pastel", state: "visual" })).toBe("Pastel");
    expect(morphLabel({ trait_name: "Pastel", state: "super" })).toBe("Super Pastel");
    expect(morphLabel({ trait_name: "Mojave", state: "super", super_name: "Blue Eyed Leucistic" })).toBe(
      "Blue Eyed Leucistic",
    );
    expect(morphLabel({ trait_name: "Clown", state: "het" })).toBe("het Clown");
    expect(morphLabel({ trait_name: "Clown", state: "possible_het", het_percent: 66 })).toBe("66% het Clown");
  });

  it("puts visuals before hets", () => {
    const genes = sortGenes([
      { trait_name: "Clown", state: "het" as const },
      { trait_name: "Pastel", state: "visual" as const },
      { trait_name: "Albino", state: "possible_het" as const, het_percent: 50 },
    ]);
    expect(genes.map(morphLabel)).toEqual(["Pastel", "het Clown", "50% het Albino"]);
  });
});

describe("MorphBadge", () => {
  it("marks a welfare-flagged gene for sighted and screen-reader users alike", () => {
    render(<MorphBadge gene={{ trait_name: "Spider", state: "visual", welfare_flag: "neurological" }} />);
    expect(screen.getByTitle("Spider: carries a welfare or lethal flag")).toHaveTextContent("Spider");
  });
});
