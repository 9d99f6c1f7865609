import { describe, expect, it } from "vitest";

import { can, invitableRoles } from "./roles";

describe("vivarium roles", () => {
  it("lets a keeper only look", () => {
    expect(can("keeper", "view")).toBe(true);
    expect(can("keeper", "edit")).toBe(false);
    expect(can("keeper", "curate")).toBe(false);
  });

  it("lets each role do what the roles below it may", () => {
    expect(can("handler", "edit")).toBe(true);
    expect(can("handler", "curate")).toBe(false);
    expect(can("curator", "curate")).toBe(true);
    expect(can("curator", "own")).toBe(false);
    expect(can("herpetologist", "own")).toBe(true);
  });

  it("offers nothing to someone who is not a member", () => {
    expect(can(null, "view")).toBe(false);
  });

  it("offers curators only roles below their own to invite, owners every role", () => {
    expect(invitableRoles("curator")).toEqual(["keeper", "handler"]);
    expect(invitableRoles("herpetologist")).toEqual(["keeper", "handler", "curator", "herpetologist"]);
    expect(invitableRoles("handler")).toEqual([]);
  });
});
