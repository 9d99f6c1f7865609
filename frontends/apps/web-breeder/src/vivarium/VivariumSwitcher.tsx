import { controlClass, cx } from "@reptidex/ui";
import { useId } from "react";

import { ROLE_LABEL, type Role } from "../lib/roles";
import { useVivarium } from "./VivariumProvider";

/** Which vivarium the app shows; every list and form follows the choice. */
export function VivariumSwitcher({ compact = false }: { compact?: boolean }) {
  const { memberships, current, switchTo } = useVivarium();
  const id = useId();
  if (!current) return null;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={cx("text-xs font-medium text-stone-600 dark:text-stone-400", compact && "sr-only")}>
        Vivarium
      </label>
      <select id={id} className={controlClass} value={current.vivarium_id} onChange={(e) => switchTo(e.target.value)}>
        {memberships.map((membership) => (
          <option key={membership.vivarium_id} value={membership.vivarium_id}>
            {membership.vivarium_name}
          </option>
        ))}
      </select>
      {!compact ? (
        <p className="text-xs text-stone-600 dark:text-stone-400">
          You are {ROLE_LABEL[current.role as Role].toLowerCase()}
        </p>
      ) : null}
    </div>
  );
}
