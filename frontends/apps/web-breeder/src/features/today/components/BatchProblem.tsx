import type { ReactNode } from "react";

/** Why a batch (feeding, weighing) was refused as a whole: the API's lines, and `children` for what to do. */
export function BatchProblem({ lines, children }: { lines: string[] | null; children?: ReactNode }) {
  if (!lines?.length) return null;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100">
      <p className="font-semibold">Nothing was logged</p>
      <ul className="mt-1 list-disc pl-5">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {children}
    </div>
  );
}
