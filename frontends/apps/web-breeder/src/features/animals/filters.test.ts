import { describe, expect, it } from "vitest";

import {
  activeFilterCount,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  isFiltered,
  NO_FILTERS,
  withFilter,
} from "./filters";

const SPECIES = "0190f0a0-0000-7000-8000-000000000001";
const TRAIT = "0190f0a0-0000-7000-8000-000000000002";

describe("collection filters in the URL", () => {
  it("round-trips every filter", () => {
    const filters = {
      q: "clown",
      species: SPECIES,
      sex: "female" as const,
      status: "holdback" as const,
      visibility: "public" as const,
      trait: TRAIT,
      archived: true,
    };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(
      `q=clown&species=${SPECIES}&sex=female&status=holdback&visibility=public&trait=${TRAIT}&archived=1`,
    );
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it("leaves empty filters out and keeps other parameters", () => {
    const params = filtersToParams({ ...NO_FILTERS, sex: "male" }, new URLSearchParams("tab=x&status=sold"));
    expect(params.toString()).toBe("tab=x&sex=male");
  });

  it("ignores values an old or hand-edited link may carry", () => {
    const filters = filtersFromParams(new URLSearchParams("sex=dragon&status=&species=not-an-id&trait=abc&archived=yes"));
    expect(filters).toEqual(NO_FILTERS);
  });

  it("drops a trait without its species", () => {
    expect(filtersFromParams(new URLSearchParams(`trait=${TRAIT}`)).trait).toBe("");
    expect(filtersToParams({ ...NO_FILTERS, trait: TRAIT }).has("trait")).toBe(false);
  });

  it("clears the trait when the species changes, not otherwise", () => {
    const chosen = { ...NO_FILTERS, species: SPECIES, trait: TRAIT };
    expect(withFilter(chosen, "species", "").trait).toBe("");
    expect(withFilter(chosen, "sex", "male").trait).toBe(TRAIT);
  });
});

describe("filtersToQuery", () => {
  it("sends only what narrows the list, trimmed", () => {
    expect(filtersToQuery("v1", { ...NO_FILTERS, q: "  nova ", status: "active" })).toEqual({
      vivarium_id: "v1",
      q: "nova",
      species_id: null,
      sex: null,
      status: "active",
      visibility: null,
      trait_id: null,
      include_archived: false,
    });
  });
});

describe("activeFilterCount", () => {
  it("counts the narrowing filters but not the search", () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, q: "x", sex: "male", archived: true })).toBe(2);
    expect(isFiltered({ ...NO_FILTERS, q: "x" })).toBe(true);
    expect(isFiltered({ ...NO_FILTERS, q: "  " })).toBe(false);
  });
});
