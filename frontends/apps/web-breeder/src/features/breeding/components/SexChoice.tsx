import { cx } from "@reptidex/ui";
import { useId } from "react";

import type { Sex } from "../../../queries/animals";

const CHOICES: { value: Sex; symbol: string; label: string }[] = [
  { value: "male", symbol: "♂", label: "Male" },
  { value: "female", symbol: "♀", label: "Female" },
  { value: "unknown", symbol: "?", label: "Unsexed" },
];

/** Three large radio buttons, quick to tap with one thumb. */
export function SexChoice({ legend, value, onChange }: { legend: string; value: Sex; onChange: (sex: Sex) => void }) {
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="grid grid-cols-3 gap-1 rounded-lg bg-stone-100 p-1 dark:bg-stone-800">
        {CHOICES.map((choice) => (
          <label
            key={choice.value}
            className={cx(
              "relative flex min-h-10 cursor-pointer items-center justify-center gap-1 rounded-md text-sm font-medium",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-teal-600",
              value === choice.value
                ? "bg-white shadow-sm dark:bg-stone-950"
                : "text-stone-700 hover:bg-white/60 dark:text-stone-300 dark:hover:bg-stone-900/60",
            )}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
              className="absolute inset-0 m-0 h-full w-full cursor-pointer opacity-0"
            />
            <span
              aria-hidden="true"
              className={cx(choice.value === "male" && "text-sky-700 dark:text-sky-400", choice.value === "female" && "text-rose-700 dark:text-rose-400")}
            >
              {choice.symbol}
            </span>
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
