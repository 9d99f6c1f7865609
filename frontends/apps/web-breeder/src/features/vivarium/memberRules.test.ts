import { ApiProblem } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import { explainMemberProblem, mayRemove, roleChoices } from "./memberRules";

describe("roleChoices", () => {
  it("lets an owner give any role to anyone", () => {
    expect(roleChoices("herpetologist", "curator")).toEqual(["keeper", "handler", "curator", "herpetologist"]);
    expect(roleChoices("herpetologist", "herpetologist")).toHaveLength(4);
  });

  it("lets a curator move keepers and handlers between those two roles only", () => {
    expect(roleChoices("curator", "keeper")).toEqual(["keeper", "handler"]);
    expect(roleChoices("curator", "curator")).toEqual([]);
    expect(roleChoices("curator", "herpetologist")).toEqual([]);
  });

  it("offers handlers and keepers nothing", () => {
    expect(roleChoices("handler", "keeper")).toEqual([]);
    expect(roleChoices("keeper", "keeper")).toEqual([]);
    expect(roleChoices(null, "keeper")).toEqual([]);
  });
});

describe("mayRemove", () => {
  it("lets anyone leave, and curators remove only those below them", () => {
    expect(mayRemove("keeper", "keeper", true)).toBe(true);
    expect(mayRemove("keeper", "handler", false)).toBe(false);
    expect(mayRemove("curator", "handler", false)).toBe(true);
    expect(mayRemove("curator", "curator", false)).toBe(false);
    expect(mayRemove("herpetologist", "curator", false)).toBe(true);
  });
});

describe("explainMemberProblem", () => {
  it("turns the last-owner refusal into what to do instead", () => {
    const problem = new ApiProblem(409, {
      type: "https://reptidex.app/problems/last-owner",
      detail: "A vivarium always keeps at least one herpetologist (owner).",
    });
    const explained = explainMemberProblem(problem);
    expect(explained.title).toBe("A vivarium always needs an owner");
    expect(explained.message).toContain("at least one herpetologist");
    expect(explained.next).toMatch(/another member herpetologist/);
  });

  it("falls back to the general words for other failures", () => {
    expect(explainMemberProblem(new ApiProblem(500, { detail: "boom" })).title).toBe("Something went wrong on our side");
  });
});
