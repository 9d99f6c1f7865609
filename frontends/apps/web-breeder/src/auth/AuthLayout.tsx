import type { ReactNode } from "react";
import { Link } from "react-router";

/** The frame of the signed-out pages: the brand, one card, and links between them. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <Link to="/" className="mb-6 flex items-center gap-2 text-xl font-bold text-teal-800 dark:text-teal-300">
        <img src="/favicon.svg" alt="" className="h-9 w-9" />
        ReptiDex
      </Link>
      <div className="w-full max-w-sm rounded-2xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900">
        <h1 className="text-xl font-semibold">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">{subtitle}</p> : null}
        <div className="mt-5">{children}</div>
      </div>
      {footer ? <div className="mt-4 text-sm text-stone-700 dark:text-stone-300">{footer}</div> : null}
    </main>
  );
}

export function FormProblem({ summary }: { summary: { title: string; message: string; next: string } | null }) {
  if (!summary) return null;
  return (
    <div
      role="alert"
      className="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100"
    >
      <p className="font-semibold">{summary.title}</p>
      {summary.message ? <p>{summary.message}</p> : null}
      <p className="opacity-90">{summary.next}</p>
    </div>
  );
}
