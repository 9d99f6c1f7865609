import { Button } from "@reptidex/ui";
import { Download } from "lucide-react";

import { IMPORT_COLUMNS, TEMPLATE_CSV } from "./columns";
import { saveFile } from "./download";

/** Which columns a file may have and what each accepts, with a template to start from. */
export function ColumnHelp() {
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <details className="group min-w-0 flex-1 rounded-xl border border-stone-200 px-3 py-2 dark:border-stone-800">
        <summary className="min-h-9 cursor-pointer py-1 text-sm font-medium text-teal-800 focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300">
          Which columns can the file have?
        </summary>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          The first row names the columns, in any order; only <code>species</code> is required. Upper or lower
          case and spaces in names are fine (“Hatch Date” works). A column not listed here is refused, so a misspelt
          “sire” cannot silently drop a pedigree. A file exported here can be imported again as it is.
        </p>
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {IMPORT_COLUMNS.map((item) => (
            <div key={item.column} className="contents">
              <dt className="font-mono font-medium">
                {item.column}
                {item.required ? <span className="ml-1 font-sans text-xs text-red-700 dark:text-red-400">(required)</span> : null}
              </dt>
              <dd className="mb-1 text-stone-700 sm:mb-0 dark:text-stone-300">{item.accepts}</dd>
            </div>
          ))}
        </dl>
      </details>
      <Button
        variant="secondary"
        icon={<Download aria-hidden="true" size={16} />}
        onClick={() => saveFile(new Blob([TEMPLATE_CSV], { type: "text/csv;charset=utf-8" }), "reptidex-import-template.csv")}
      >
        Download a template
      </Button>
    </div>
  );
}
