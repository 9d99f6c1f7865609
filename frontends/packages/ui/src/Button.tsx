import type { ButtonHTMLAttributes, ReactNode } from "react";

import { cx } from "./cx";
import { Spinner } from "./Spinner";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<ButtonVariant, string> = {
  // Disabled buttons turn grey rather than faded teal, so their label stays readable.
  primary:
    // teal-700 keeps white text above 4.5:1 in both themes (teal-600 does not).
    "bg-teal-700 text-white hover:bg-teal-800 disabled:bg-stone-300 disabled:text-stone-700 dark:hover:bg-teal-800 dark:disabled:bg-stone-700 dark:disabled:text-stone-300",
  secondary:
    "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100 dark:border-stone-600 dark:bg-stone-800 dark:text-stone-100 dark:hover:bg-stone-700",
  danger:
    "bg-red-700 text-white hover:bg-red-800 disabled:bg-stone-300 disabled:text-stone-700 dark:disabled:bg-stone-700 dark:disabled:text-stone-300",
  ghost:
    "text-stone-700 hover:bg-stone-200/70 dark:text-stone-200 dark:hover:bg-stone-800",
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: "sm" | "md";
  busy?: boolean;
  icon?: ReactNode;
}

/** A button's look, for a link that acts as one (navigation keeps its <a> semantics). */
export function buttonClass({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: "sm" | "md"; className?: string } = {}): string {
  return cx(
    "inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600",
    "disabled:cursor-not-allowed",
    size === "sm" ? "min-h-9 px-3 text-sm" : "min-h-11 px-4 text-sm",
    VARIANTS[variant],
    className,
  );
}

export function Button({
  variant = "primary",
  size = "md",
  busy = false,
  icon,
  className,
  children,
  disabled,
  type = "button",
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={buttonClass({ variant, size, className })}
      {...rest}
    >
      {busy ? <Spinner size="sm" label="" /> : icon}
      {children}
    </button>
  );
}
