import { Button, controlClass } from "@reptidex/ui";
import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";

import type { Trait } from "../../queries/catalogue";
import { ENTRY_STATE_LABEL, statesFor, type EntryState } from "./format";
import type { GeneRow } from "./request";

let nextKey = 0;
function newRow(): GeneRow {
  nextKey += 1;
  return { key: `gene-${nextKey}`, traitId: "", state: "visual" };
}

/**
 * A parent's genotype typed by hand: one row per gene, trait then state. A trait offers only
 * the states its inheritance allows, and a trait already listed is not offered twice.
 */
export function GeneRowsEditor({
  parentLabel,
  traits,
  rows,
  onChange,
}: {
  parentLabel: string;
  traits: readonly Trait[];
  rows: GeneRow[];
  onChange: (rows: GeneRow[]) => void;
}) {
  const id = useId();
  const byId = new Map(traits.map((trait) => [trait.id, trait]));

  function update(key: string, change: Partial<GeneRow>) {
    onChange(
      rows.map((row) => {
        if (row.key !== key) return row;
        const next = { ...row, ...change };
        // A new trait may not allow the state chosen for the old one.
        const trait = byId.get(next.traitId);
        if (trait && !statesFor(trait.inheritance).includes(next.state)) next.state = "visual";
        return next;
      }),
    );
  }

  return (
    <div className="flex flex-col gap-2">
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600 dark:text-stone-400">
          No genes: the {parentLabel.toLowerCase()} counts as a normal (wild type) animal. Add the genes it shows or
          carries.
        </p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label={`${parentLabel} genes`}>
          {rows.map((row, index) => {
            const trait = byId.get(row.traitId);
            const taken = new Set(rows.filter((other) => other.key !== row.key).map((other) => other.traitId));
            const traitId = `${id}-${row.key}-trait`;
            const stateId = `${id}-${row.key}-state`;
            return (
              <li key={row.key} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-end gap-2">
                <div className="flex flex-col gap-1">
                  <label htmlFor={traitId} className="text-xs font-medium">
                    {parentLabel} gene {index + 1}
                  </label>
                  <select
                    id={traitId}
                    className={controlClass}
                    value={row.traitId}
                    onChange={(event) => update(row.key, { traitId: event.target.value })}
                  >
                    <option value="">Choose a trait…</option>
                    {traits
                      .filter((option) => option.id === row.traitId || !taken.has(option.id))
                      .map((option) => (
                        <option key={option.id} value={option.id}>
                          {option.name}
                          {option.welfare_flag !== "none" ? " ⚠" : ""}
                        </option>
                      ))}
                  </select>
                </div>
                <div className="flex flex-col gap-1">
                  <label htmlFor={stateId} className="text-xs font-medium">
                    {trait ? `${trait.name} state` : `Gene ${index + 1} state`}
                  </label>
                  <select
                    id={stateId}
                    className={controlClass}
                    value={row.state}
                    disabled={!trait}
                    onChange={(event) => update(row.key, { state: event.target.value as EntryState })}
                  >
                    {(trait ? statesFor(trait.inheritance) : (["visual"] as EntryState[])).map((state) => (
                      <option key={state} value={state}>
                        {ENTRY_STATE_LABEL[state]}
                      </option>
                    ))}
                  </select>
                </div>
                <Button
                  variant="ghost"
                  aria-label={`Remove ${trait ? trait.name : `gene ${index + 1}`} from the ${parentLabel.toLowerCase()}`}
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                  icon={<Trash2 aria-hidden="true" size={16} />}
                />
              </li>
            );
          })}
        </ul>
      )}
      <Button
        variant="secondary"
        size="sm"
        className="self-start"
        disabled={!traits.length}
        onClick={() => onChange([...rows, newRow()])}
        icon={<Plus aria-hidden="true" size={16} />}
      >
        Add a gene
      </Button>
    </div>
  );
}
