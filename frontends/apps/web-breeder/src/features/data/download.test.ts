import { expect, it } from "vitest";

import { exportFilename } from "./download";

it("names an export after the vivarium and the day", () => {
  expect(exportFilename("reyes-reptiles", "csv", new Date(2026, 2, 4))).toBe("reyes-reptiles-animals-2026-03-04.csv");
  expect(exportFilename("", "json", new Date(2026, 11, 31))).toBe("vivarium-animals-2026-12-31.json");
});
