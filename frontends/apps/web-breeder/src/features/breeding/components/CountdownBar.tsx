import { cx } from "@reptidex/ui";

import type { Countdown } from "../incubation";

const BAR: Record<Countdown["state"], string> = {
  incubating: "bg-teal-600 dark:bg-teal-500",
  "due-today": "bg-amber-500",
  overdue: "bg-red-600 dark:bg-red-500",
  "no-estimate": "bg-stone-400",
  hatched: "bg-teal-600 dark:bg-teal-500",
  failed: "bg-stone-400",
};

const TEXT: Record<Countdown["state"], string> = {
  incubating: "text-stone-700 dark:text-stone-300",
  "due-today": "text-amber-800 dark:text-amber-300 font-semibold",
  overdue: "text-red-800 dark:text-red-300 font-semibold",
  "no-estimate": "text-stone-600 dark:text-stone-400",
  hatched: "text-teal-800 dark:text-teal-300",
  failed: "text-stone-600 dark:text-stone-400",
};

/** The incubation countdown: a bar from laying to the expected hatch, and what it means. */
export function CountdownBar({ countdown, large = false }: { countdown: Countdown; large?: boolean }) {
  const percent = countdown.progress === null ? null : Math.round(countdown.progress * 100);
  return (
    <div className="flex flex-col gap-1.5">
      {large && countdown.daysLeft !== null && countdown.daysLeft > 0 ? (
        <p className="text-3xl font-bold tabular-nums">
          {countdown.daysLeft}
          <span className="ml-1 text-base font-medium text-stone-600 dark:text-stone-400">
            {countdown.daysLeft === 1 ? "day to go" : "days to go"}
          </span>
        </p>
      ) : null}
      {percent !== null ? (
        <div
          role="progressbar"
          aria-label="Incubation progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={countdown.label}
          className={cx("w-full overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800", large ? "h-3" : "h-2")}
        >
          <div className={cx("h-full rounded-full transition-[width]", BAR[countdown.state])} style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p className={cx("text-sm", TEXT[countdown.state])}>
        {/* The big number already says how many days are left. */}
        {large && countdown.state === "incubating" ? `Day ${countdown.daysIn} of ${countdown.totalDays}` : countdown.label}
      </p>
    </div>
  );
}
