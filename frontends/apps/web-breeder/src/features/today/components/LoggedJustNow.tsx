import { CheckCircle2 } from "lucide-react";

export interface LoggedBatch {
  id: number;
  summary: string;
  animals: string[];
  at: Date;
}

/** What this keeper logged since opening the list: proof at a glance that it went through. */
export function LoggedJustNow({ batches }: { batches: LoggedBatch[] }) {
  if (!batches.length) return null;
  return (
    <section
      aria-labelledby="logged-heading"
      className="rounded-2xl border border-teal-200 bg-teal-50 p-4 text-teal-950 dark:border-teal-900 dark:bg-teal-950/50 dark:text-teal-50"
    >
      <h2 id="logged-heading" className="flex items-center gap-2 text-sm font-semibold">
        <CheckCircle2 aria-hidden="true" size={18} /> Logged just now
      </h2>
      <ul className="mt-2 flex flex-col gap-1 text-sm">
        {batches.map((batch) => (
          <li key={batch.id}>
            <span className="font-medium">{batch.summary}</span>{" "}
            <span className="opacity-80">
              · {batch.animals.join(", ")} ·{" "}
              {batch.at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
