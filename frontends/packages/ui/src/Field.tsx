import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

import { cx } from "./cx";

const CONTROL =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 " +
  "placeholder:text-stone-500 focus:border-teal-600 focus:outline-2 focus:outline-teal-600/40 " +
  "disabled:bg-stone-100 aria-[invalid=true]:border-red-600 dark:border-stone-600 " +
  "dark:bg-stone-900 dark:text-stone-100 dark:placeholder:text-stone-400 sm:text-sm min-h-11";

interface FieldShell {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
}

function Shell({
  id,
  label,
  hint,
  error,
  className,
  children,
}: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-stone-800 dark:text-stone-200">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-stone-600 dark:text-stone-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export type TextFieldProps = FieldShell & InputHTMLAttributes<HTMLInputElement>;

export function TextField({ label, hint, error, className, id, ...input }: TextFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Shell id={fieldId} label={label} hint={hint} error={error} className={className}>
      <input
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        className={CONTROL}
        {...input}
      />
    </Shell>
  );
}

export type SelectFieldProps = FieldShell & SelectHTMLAttributes<HTMLSelectElement>;

export function SelectField({ label, hint, error, className, id, children, ...select }: SelectFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Shell id={fieldId} label={label} hint={hint} error={error} className={className}>
      <select
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        className={CONTROL}
        {...select}
      >
        {children}
      </select>
    </Shell>
  );
}

export type TextAreaFieldProps = FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>;

export function TextAreaField({ label, hint, error, className, id, ...area }: TextAreaFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <Shell id={fieldId} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        className={cx(CONTROL, "min-h-24")}
        {...area}
      />
    </Shell>
  );
}

/** The same look as the fields above, for a bare control with its own label elsewhere. */
export const controlClass = CONTROL;

export type CheckboxFieldProps = { label: ReactNode; hint?: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type"
>;

/** A checkbox with its label and an explanation, the whole row one large tap target. */
export function CheckboxField({ label, hint, className, ...input }: CheckboxFieldProps) {
  return (
    <label className={cx("flex min-h-11 items-start gap-3 text-sm", className)}>
      <input type="checkbox" className="mt-1 h-5 w-5 shrink-0 accent-teal-700" {...input} />
      <span className="font-medium">
        {label}
        {hint ? <span className="block font-normal text-stone-600 dark:text-stone-400">{hint}</span> : null}
      </span>
    </label>
  );
}
