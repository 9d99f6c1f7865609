import { describe, expect, it } from "vitest";

import { pickVivarium, type Membership } from "./VivariumProvider";

const membership = (id: string, role: string, personal = false): Membership =>
  ({ vivarium_id: id, vivarium_name: id, vivarium_slug: id, role, is_personal: personal }) as Membership;

describe("pickVivarium", () => {
  const memberships = [
    membership("personal", "herpetologist", true),
    membership("reyes", "herpetologist"),
    membership("friend", "keeper"),
  ];

  it("returns the vivarium chosen last in this browser", () => {
    expect(pickVivarium(memberships, "friend")?.vivarium_id).toBe("friend");
  });

  it("prefers a shared vivarium the breeder owns over the personal one", () => {
    expect(pickVivarium(memberships, null)?.vivarium_id).toBe("reyes");
  });

  it("ignores a remembered vivarium the user has left", () => {
    expect(pickVivarium(memberships, "gone")?.vivarium_id).toBe("reyes");
  });

  it("has nothing to pick without memberships", () => {
    expect(pickVivarium([], null)).toBeNull();
  });
});
