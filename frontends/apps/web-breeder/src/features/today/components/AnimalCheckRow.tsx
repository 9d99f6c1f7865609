import { cx } from "@reptidex/ui";
import { Check } from "lucide-react";
import type { ReactNode } from "react";

/**
 * One animal on the today list: the whole row is the checkbox's label, a large target for a
 * thumb at the rack. Without `onToggle` (a view-only role) it is a plain row.
 */
export function AnimalCheckRow({
  title,
  details,
  aside,
  checked,
  onToggle,
}: {
  title: string;
  details: ReactNode;
  aside?: ReactNode;
  checked: boolean;
  onToggle?: () => void;
}) {
  const body = (
    <>
      {onToggle ? (
        <span
          className={cx(
            "relative mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-md border-2",
            "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-600",
            checked ? "border-teal-700 bg-teal-700 text-white dark:border-teal-500 dark:bg-teal-700" : "border-stone-400 bg-white dark:border-stone-500 dark:bg-stone-900",
          )}
        >
          {/* The real checkbox, invisible over the drawn box: the whole row is its label. */}
          <input type="checkbox" className="absolute inset-0 m-0 h-full w-full cursor-pointer opacity-0" checked={checked} onChange={onToggle} />
          {checked ? <Check aria-hidden="true" size={18} strokeWidth={3} /> : null}
        </span>
      ) : null}
      <span className="min-w-0 flex-1">
        <span className="block truncate font-semibold">{title}</span>
        <span className="block text-sm">{details}</span>
      </span>
      {aside ? <span className="shrink-0 text-right text-sm text-stone-700 dark:text-stone-300">{aside}</span> : null}
    </>
  );
  const rowClass = cx(
    "flex min-h-16 items-start gap-3 px-4 py-3",
    checked ? "bg-teal-50 dark:bg-teal-950/50" : "bg-white dark:bg-stone-900",
  );
  return onToggle ? (
    <label className={cx(rowClass, "cursor-pointer select-none hover:bg-stone-50 dark:hover:bg-stone-800/60", checked && "hover:bg-teal-50")}>{body}</label>
  ) : (
    <div className={rowClass}>{body}</div>
  );
}
