import { cx } from "@reptidex/ui";
import { Skull, TriangleAlert } from "lucide-react";
import { useId } from "react";

import { formatPercent, sortWarnings, type PairingWarning } from "./format";

/**
 * What this pairing can produce that is lethal or a welfare concern, before any outcome:
 * a breeder must not miss it. Lethal first.
 */
export function WarningsPanel({ warnings }: { warnings: readonly PairingWarning[] }) {
  const headingId = useId();
  if (!warnings.length) return null;
  const lethal = warnings.some((warning) => warning.severity === "lethal");
  return (
    <section
      aria-labelledby={headingId}
      className={cx(
        "rounded-2xl border-2 p-4",
        lethal
          ? "border-red-600 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950/60 dark:text-red-50"
          : "border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950/50 dark:text-amber-50",
      )}
    >
      <h2 id={headingId} className="flex items-center gap-2 text-lg font-bold">
        <TriangleAlert aria-hidden="true" size={20} />
        {lethal ? "Lethal or welfare warning" : "Welfare warning"}
      </h2>
      <ul className="mt-2 flex flex-col gap-3">
        {sortWarnings(warnings).map((warning) => (
          <li key={`${warning.trait_id}-${warning.kind}-${warning.partner_trait_id ?? ""}`} className="flex gap-2">
            {warning.severity === "lethal" ? (
              <Skull aria-hidden="true" size={18} className="mt-0.5 shrink-0" />
            ) : (
              <TriangleAlert aria-hidden="true" size={18} className="mt-0.5 shrink-0" />
            )}
            <div className="min-w-0">
              <p className="font-semibold">
                <span className="mr-2 rounded bg-current/10 px-1.5 py-0.5 text-xs tracking-wide uppercase">
                  {warning.severity === "lethal" ? "Lethal" : "Welfare"}
                </span>
                {warning.trait} · {formatPercent(warning.probability)} of offspring
              </p>
              <p className="text-sm">{warning.message}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
