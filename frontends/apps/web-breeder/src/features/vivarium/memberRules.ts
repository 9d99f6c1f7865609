import { ApiProblem } from "@reptidex/api-client";

import { explain, type Explanation } from "../../lib/problems";
import { rank, ROLES, type Role } from "../../lib/roles";

/** Role names short enough for a select on a phone; ROLE_LABEL says what each may do. */
export const ROLE_NAME: Record<Role, string> = {
  keeper: "Keeper",
  handler: "Handler",
  curator: "Curator",
  herpetologist: "Herpetologist (owner)",
};

/**
 * Who may change whose role, as repti-core decides it (members/service.py `_may_manage`):
 * owners manage anyone; curators manage keepers and handlers, into keeper or handler only.
 */
export function mayManage(actor: Role | null, target: Role, newRole: Role | null = null): boolean {
  if (!actor) return false;
  if (actor === "herpetologist") return true;
  if (actor === "curator") {
    const below = rank("curator");
    return rank(target) < below && (newRole === null || rank(newRole) < below);
  }
  return false;
}

/** The roles `actor` may give this member (their current one included), or none to show. */
export function roleChoices(actor: Role | null, target: Role): Role[] {
  if (!mayManage(actor, target)) return [];
  return ROLES.filter((role) => role === target || mayManage(actor, target, role));
}

/** Anyone may leave; removing someone else follows the same rule as changing their role. */
export function mayRemove(actor: Role | null, target: Role, isSelf: boolean): boolean {
  return isSelf || mayManage(actor, target);
}

/** The refusals a member screen meets, in words that say what to do instead. */
export function explainMemberProblem(error: unknown): Explanation {
  if (error instanceof ApiProblem) {
    if (error.slug === "last-owner") {
      return {
        title: "A vivarium always needs an owner",
        message: error.detail,
        next: "Make another member herpetologist (owner) first, then change this role or leave.",
      };
    }
    if (error.slug === "insufficient-role") {
      return {
        title: "Your role does not allow this",
        message: error.detail,
        next: "Ask a herpetologist (owner) of the vivarium to do it.",
      };
    }
    if (error.slug === "invitation-pending" || error.slug === "already-member") {
      return { title: "Already invited", message: error.detail, next: "Check the pending invitations below." };
    }
  }
  return explain(error);
}
