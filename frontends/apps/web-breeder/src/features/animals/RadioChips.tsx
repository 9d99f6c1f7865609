import { cx } from "@reptidex/ui";
import { useId } from "react";

/**
 * A few mutually exclusive choices as large, tappable chips (native radios underneath, so
 * arrow keys move between them and screen readers announce "radio, 1 of 3").
 */
export function RadioChips<T extends string>({
  label,
  value,
  options,
  onChange,
  error,
  name,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string;
  name?: string;
}) {
  const auto = useId();
  const group = name ?? auto;
  return (
    <fieldset className="flex flex-col gap-1" aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-stone-800 dark:text-stone-200">{label}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              "relative flex min-h-11 cursor-pointer items-center rounded-lg border px-4 text-sm font-medium",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-600",
              value === option.value
                ? "border-teal-700 bg-teal-50 text-teal-900 dark:border-teal-400 dark:bg-teal-950 dark:text-teal-100"
                : "border-stone-300 bg-white text-stone-800 hover:bg-stone-100 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-200 dark:hover:bg-stone-800",
            )}
          >
            <input
              type="radio"
              name={group}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              // Invisible but where the chip is, so a tap or a test's click lands on the radio.
              className="absolute inset-0 h-full w-full cursor-pointer opacity-0"
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
