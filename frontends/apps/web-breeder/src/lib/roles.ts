/** Vivarium roles, lowest first: a role may do everything the roles before it may. */
export const ROLES = ["keeper", "handler", "curator", "herpetologist"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  keeper: "Keeper (view only)",
  handler: "Handler (edit records, log husbandry)",
  curator: "Curator (also archive, transfer, invite)",
  herpetologist: "Herpetologist (owner)",
};

export type Action =
  | "view"
  | "edit" // animals, genotypes, lineage, logs, pairings, clutches, reminders, import
  | "curate" // archive, visibility, transfers, invitations below owner
  | "own"; // roles, settings, delete the vivarium

const NEEDS: Record<Action, Role> = {
  view: "keeper",
  edit: "handler",
  curate: "curator",
  own: "herpetologist",
};

export function rank(role: Role): number {
  return ROLES.indexOf(role);
}

export function can(role: Role | null | undefined, action: Action): boolean {
  return role ? rank(role) >= rank(NEEDS[action]) : false;
}

/** The roles a member with `role` may hand out in an invitation (owners invite anyone). */
export function invitableRoles(role: Role | null | undefined): Role[] {
  if (role === "herpetologist") return [...ROLES];
  if (role === "curator") return ["keeper", "handler"]; // below their own role
  return [];
}
