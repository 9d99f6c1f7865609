import { cx } from "./cx";

export function Spinner({ size = "md", label = "Loading" }: { size?: "sm" | "md"; label?: string }) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center gap-2">
      <span
        aria-hidden="true"
        className={cx(
          "inline-block animate-spin rounded-full border-2 border-current border-r-transparent",
          size === "sm" ? "h-4 w-4" : "h-6 w-6",
        )}
      />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}

/** A grey block the shape of content that is on its way. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={cx("animate-pulse rounded-md bg-stone-200 dark:bg-stone-800", className)}
    />
  );
}
